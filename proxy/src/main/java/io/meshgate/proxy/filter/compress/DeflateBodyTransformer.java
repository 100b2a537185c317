package io.meshgate.proxy.filter.compress;

import io.meshgate.proxy.filter.BodyTransformer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses a streamed body with the JDK's zlib, as {@code gzip} (RFC 1952: header, raw DEFLATE,
 * CRC-32 and length trailer) or {@code deflate} (RFC 1950 zlib stream). Each chunk is
 * sync-flushed, so what the backend has sent reaches the client at once (server-sent events,
 * long responses) at a small cost in ratio. Holds native zlib memory until {@link #finish} or
 * {@link #abort}.
 */
final class DeflateBodyTransformer implements BodyTransformer {

    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final boolean gzip;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private boolean headerWritten;
    private boolean ended;

    DeflateBodyTransformer(Coding coding, int level) {
        this.gzip = coding == Coding.GZIP;
        this.deflater = new Deflater(level, gzip); // gzip wraps raw DEFLATE itself
    }

    @Override
    public ByteBuf transform(ByteBuf chunk, ByteBufAllocator alloc) {
        try {
            ByteBuf out = alloc.buffer(chunk.readableBytes() / 2 + 64);
            writeHeader(out);
            if (chunk.isReadable()) {
                ByteBuffer in = chunk.nioBuffer();
                if (gzip) {
                    crc.update(in.duplicate());
                }
                deflater.setInput(in);
                drain(out, false);
            }
            return out;
        } finally {
            chunk.release();
        }
    }

    @Override
    public ByteBuf finish(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(64);
        try {
            writeHeader(out);
            deflater.finish();
            drain(out, true);
            if (gzip) {
                out.writeIntLE((int) crc.getValue());
                out.writeIntLE((int) deflater.getBytesRead()); // ISIZE: input length mod 2^32
            }
            return out;
        } finally {
            end();
        }
    }

    @Override
    public void abort() {
        end();
    }

    private void writeHeader(ByteBuf out) {
        if (gzip && !headerWritten) {
            out.writeBytes(GZIP_HEADER);
            headerWritten = true;
        }
    }

    /** Deflates all pending input into {@code out}, growing it as needed. */
    private void drain(ByteBuf out, boolean finishing) {
        int flush = finishing ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH;
        while (true) {
            out.ensureWritable(4096);
            ByteBuffer dst = out.nioBuffer(out.writerIndex(), out.writableBytes());
            int written = deflater.deflate(dst, flush);
            out.writerIndex(out.writerIndex() + written);
            // A sync flush is complete when zlib left output space unused; a finish when the stream ended.
            if (finishing ? deflater.finished() : dst.hasRemaining()) {
                return;
            }
        }
    }

    private void end() {
        if (!ended) {
            ended = true;
            deflater.end();
        }
    }
}
