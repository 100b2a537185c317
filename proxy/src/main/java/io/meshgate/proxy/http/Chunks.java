package io.meshgate.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Small buffer helpers for body streaming. */
final class Chunks {

    private Chunks() {
    }

    /** {@code a} followed by {@code b}; takes ownership of both, skipping an empty one. */
    static ByteBuf concat(ByteBuf a, ByteBuf b, ByteBufAllocator alloc) {
        if (!b.isReadable()) {
            b.release();
            return a;
        }
        if (!a.isReadable()) {
            a.release();
            return b;
        }
        return alloc.compositeBuffer(2).addComponents(true, a, b);
    }
}
