package io.meshgate.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameTypes;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * An HTTP/2 client over a plain socket that writes frames exactly as told, including the ones a
 * conforming client never sends (HEADERS on closed streams, decreasing stream ids), and reads the
 * frames that come back. Answers SETTINGS with an ACK; everything else is the test's business.
 */
final class RawH2Connection implements AutoCloseable {

    static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;

    /** A frame read from the server; {@code payload} is its whole payload. */
    record Frame(int type, int flags, int streamId, byte[] payload) {
        boolean endStream() {
            return (flags & END_STREAM) != 0 && (type == Http2FrameTypes.DATA || type == Http2FrameTypes.HEADERS);
        }

        /** The error code of a RST_STREAM or GOAWAY frame. */
        Http2Error error() {
            int offset = type == Http2FrameTypes.GO_AWAY ? 4 : 0;
            return Http2Error.valueOf(ByteBuffer.wrap(payload, offset, 4).getInt() & 0xFFFFFFFFL);
        }

        @Override
        public String toString() {
            return switch (type) {
                case Http2FrameTypes.RST_STREAM -> "RST_STREAM " + streamId + " " + error();
                case Http2FrameTypes.GO_AWAY -> "GOAWAY " + error();
                default -> "frame type " + type + " stream " + streamId;
            };
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final DefaultHttp2HeadersEncoder hpack = new DefaultHttp2HeadersEncoder();

    private RawH2Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects with prior knowledge: the preface and an empty SETTINGS frame. */
    static RawH2Connection open(int port) {
        try {
            RawH2Connection c = new RawH2Connection(new Socket("127.0.0.1", port));
            c.socket.setSoTimeout(10_000);
            ByteBuf preface = Http2CodecUtil.connectionPrefaceBuf();
            c.out.write(ByteBufUtil.getBytes(preface));
            c.frame(Http2FrameTypes.SETTINGS, 0, 0, new byte[0]);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A HEADERS frame with the whole header block (END_HEADERS). */
    RawH2Connection headers(int streamId, Http2Headers headers, boolean endStream) {
        ByteBuf block = Unpooled.buffer();
        try {
            hpack.encodeHeaders(streamId, headers, block);
            frame(Http2FrameTypes.HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), streamId, ByteBufUtil.getBytes(block));
        } catch (Http2Exception e) {
            throw new IllegalArgumentException(e);
        } finally {
            block.release();
        }
        return this;
    }

    RawH2Connection data(int streamId, byte[] data, boolean endStream) {
        frame(Http2FrameTypes.DATA, endStream ? END_STREAM : 0, streamId, data);
        return this;
    }

    private void frame(byte type, int flags, int streamId, byte[] payload) {
        ByteBuffer header = ByteBuffer.allocate(9);
        header.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
        header.put(type).put((byte) flags).putInt(streamId);
        try {
            out.write(header.array());
            out.write(payload);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads frames until one matches (returned), the server closes the connection (null), or
     * {@code timeout} passes without a frame (null).
     */
    Frame await(Predicate<Frame> wanted, Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            while (true) {
                Frame f = read();
                if (f.type() == Http2FrameTypes.SETTINGS && (f.flags() & 0x1) == 0) {
                    frame(Http2FrameTypes.SETTINGS, 0x1, 0, new byte[0]);
                }
                if (wanted.test(f)) {
                    return f;
                }
            }
        } catch (EOFException | SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            if (socket.isClosed() || "Connection reset".equals(e.getMessage())) {
                return null;
            }
            throw new UncheckedIOException(e);
        }
    }

    /** The end of stream {@code streamId}: a frame with END_STREAM, or a RST_STREAM. */
    Frame awaitStreamEnd(int streamId) {
        return await(f -> f.streamId() == streamId && (f.endStream() || f.type() == Http2FrameTypes.RST_STREAM),
                Duration.ofSeconds(10));
    }

    private Frame read() throws IOException {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int streamId = in.readInt() & Integer.MAX_VALUE;
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(type, flags, streamId, payload);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
