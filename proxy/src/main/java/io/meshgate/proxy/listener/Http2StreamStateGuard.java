package io.meshgate.proxy.listener;

import static io.netty.handler.codec.http2.Http2CodecUtil.FRAME_HEADER_LENGTH;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DecoratingHttp2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameTypes;
import io.netty.handler.codec.http2.Http2LifecycleManager;
import io.netty.handler.codec.http2.Http2Stream;
import java.util.List;

/**
 * Applies the stream-state rules of RFC 9113 §5.1 and §5.1.1 for HEADERS frames that Netty's
 * decoder does not: it sees each inbound frame's header before the decoder does, against the
 * stream states left by the frames before it (so it hands the decoder one whole frame at a time).
 * <ul>
 *   <li>HEADERS on a half-closed (remote) stream: stream error STREAM_CLOSED (Netty would reset it
 *       with PROTOCOL_ERROR). The frame is still decoded, so the HPACK table stays in step.</li>
 *   <li>HEADERS on a stream that closed without a reset: connection error STREAM_CLOSED.</li>
 *   <li>HEADERS opening a stream with an id below one already opened (an id that was skipped):
 *       connection error PROTOCOL_ERROR.</li>
 * </ul>
 * A stream that was reset, by either side, keeps Netty's answer (a stream error), because the
 * peer may have sent frames before it saw the reset (RFC 9113 §5.1, "closed").
 */
final class Http2StreamStateGuard extends DecoratingHttp2ConnectionDecoder {

    private final Http2Connection connection;
    private final int maxFrameSize;
    private final RecentIds resetStreams = new RecentIds(64);
    /** Ranges of client stream ids that were skipped (never opened), packed as {@code low << 32 | high}. */
    private final long[] skipped = new long[8];
    private int nextSkipped;
    private int skippedSize;
    private Http2LifecycleManager lifecycle;
    private boolean failed;

    Http2StreamStateGuard(Http2ConnectionDecoder delegate, int maxFrameSize) {
        super(delegate);
        this.connection = delegate.connection();
        this.maxFrameSize = maxFrameSize;
        connection.addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                if (stream.isResetSent()) {
                    resetStreams.add(stream.id());
                }
            }
        });
    }

    @Override
    public void lifecycleManager(Http2LifecycleManager lifecycleManager) {
        this.lifecycle = lifecycleManager;
        super.lifecycleManager(lifecycleManager);
    }

    @Override
    public void decodeFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Http2Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= FRAME_HEADER_LENGTH) {
            int start = in.readerIndex();
            int payloadLength = in.getUnsignedMedium(start);
            if (payloadLength > maxFrameSize) {
                super.decodeFrame(ctx, in, out); // the decoder answers FRAME_SIZE_ERROR without buffering the frame
                return;
            }
            int frameLength = FRAME_HEADER_LENGTH + payloadLength;
            if (in.readableBytes() < frameLength) {
                return;
            }
            inspect(ctx, in.getByte(start + 3), in.getInt(start + 5) & Integer.MAX_VALUE);
            ByteBuf frame = in.slice(start, frameLength);
            in.skipBytes(frameLength);
            super.decodeFrame(ctx, frame, out);
        }
    }

    private void inspect(ChannelHandlerContext ctx, byte type, int streamId) throws Http2Exception {
        if (streamId == 0 || !connection.remote().isValidStreamId(streamId) || connection.goAwaySent()) {
            return;
        }
        if (type == Http2FrameTypes.RST_STREAM) {
            resetStreams.add(streamId);
        } else if (type == Http2FrameTypes.HEADERS) {
            inspectHeaders(ctx, streamId);
        }
    }

    private void inspectHeaders(ChannelHandlerContext ctx, int streamId) throws Http2Exception {
        Http2Stream stream = connection.stream(streamId);
        int last = connection.remote().lastStreamCreated();
        if (stream != null) {
            if (stream.state() == Http2Stream.State.HALF_CLOSED_REMOTE && !stream.isResetSent()) {
                // Reset first: the decoder then decodes the block and ignores it (a reset-sent stream).
                lifecycle.resetStream(ctx, streamId, Http2Error.STREAM_CLOSED.code(), ctx.newPromise());
            }
        } else if (streamId <= last) {
            if (!resetStreams.contains(streamId)) {
                failed = true;
                if (wasSkipped(streamId)) {
                    throw Http2Exception.connectionError(Http2Error.PROTOCOL_ERROR,
                            "HEADERS opens stream %d after stream %d was opened", streamId, last);
                }
                throw Http2Exception.connectionError(Http2Error.STREAM_CLOSED,
                        "HEADERS on closed stream %d", streamId);
            }
        } else {
            int expected = last == 0 ? 1 : last + 2;
            if (streamId > expected) {
                skipped[nextSkipped] = (long) expected << 32 | (streamId - 2);
                nextSkipped = (nextSkipped + 1) % skipped.length;
                skippedSize = Math.min(skippedSize + 1, skipped.length);
            }
        }
    }

    private boolean wasSkipped(int streamId) {
        for (int i = 0; i < skippedSize; i++) {
            long range = skipped[i];
            if (streamId >= (int) (range >>> 32) && streamId <= (int) range) {
                return true;
            }
        }
        return false;
    }

    /** The last {@code capacity} ids added: a bounded memory of streams, oldest forgotten first. */
    private static final class RecentIds {
        private final int[] ids;
        private int next;
        private int size;

        RecentIds(int capacity) {
            ids = new int[capacity];
        }

        void add(int id) {
            ids[next] = id;
            next = (next + 1) % ids.length;
            size = Math.min(size + 1, ids.length);
        }

        boolean contains(int id) {
            for (int i = 0; i < size; i++) {
                if (ids[i] == id) {
                    return true;
                }
            }
            return false;
        }
    }
}
