package io.meshgate.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.meshgate.proxy.filter.BodyTransformer;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;

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

    /** A whole body through {@code t}: transform, then finish. Takes ownership of {@code body}. */
    static ByteBuf transformWhole(BodyTransformer t, ByteBuf body, ByteBufAllocator alloc) {
        ByteBuf out = t.transform(body, alloc);
        return concat(out, t.finish(alloc), alloc);
    }

    /** One streamed chunk through {@code t}; the last one also gets what {@code finish} returns. */
    static HttpContent transform(BodyTransformer t, HttpContent c, ByteBufAllocator alloc) {
        ByteBuf out = t.transform(c.content(), alloc);
        if (!(c instanceof LastHttpContent last)) {
            return new DefaultHttpContent(out);
        }
        return new DefaultLastHttpContent(concat(out, t.finish(alloc), alloc), last.trailingHeaders());
    }
}
