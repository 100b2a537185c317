package io.meshgate.proxy.filter;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;

/**
 * Changes a message body while it streams, chunk by chunk, without buffering it whole: response
 * compression, request size limits. A filter installs one from its phase method with
 * {@link io.meshgate.proxy.http.Exchange#addRequestBodyTransformer} or
 * {@link io.meshgate.proxy.http.Exchange#addResponseBodyTransformer}; the engine then passes every
 * body chunk through it on the exchange's event loop, and a buffered body ({@link BodyMode.Buffer})
 * as one chunk. A filter whose transformer changes the body's length removes {@code Content-Length}
 * from the head in the same phase (the engine then frames the body itself: chunked on HTTP/1.1).
 *
 * <p>Exactly one of {@link #finish} and {@link #abort} is called, once, unless {@link #transform}
 * threw. Implementations are per exchange and need not be thread-safe.
 */
public interface BodyTransformer {

    /**
     * Transforms one chunk. Takes ownership of {@code chunk}; returns the bytes to send now (possibly
     * empty), owned by the caller.
     *
     * @throws BodyRejectedException to refuse the body: the engine answers the exception's status if no
     *     response head was sent yet, else resets the stream; the transformer is then done
     */
    ByteBuf transform(ByteBuf chunk, ByteBufAllocator alloc);

    /** The body ended: returns the last bytes to send (possibly empty), owned by the caller. */
    ByteBuf finish(ByteBufAllocator alloc);

    /** The exchange ended before the body did (reset, timeout): release anything held. */
    default void abort() {
    }

    /** This transformer, then {@code next} on its output. */
    default BodyTransformer andThen(BodyTransformer next) {
        Objects.requireNonNull(next, "next");
        BodyTransformer first = this;
        return new BodyTransformer() {
            @Override
            public ByteBuf transform(ByteBuf chunk, ByteBufAllocator alloc) {
                return next.transform(first.transform(chunk, alloc), alloc);
            }

            @Override
            public ByteBuf finish(ByteBufAllocator alloc) {
                ByteBuf tail = first.finish(alloc);
                ByteBuf out = next.transform(tail, alloc);
                ByteBuf last = next.finish(alloc);
                if (!last.isReadable()) {
                    last.release();
                    return out;
                }
                if (!out.isReadable()) {
                    out.release();
                    return last;
                }
                return alloc.compositeBuffer(2).addComponents(true, out, last);
            }

            @Override
            public void abort() {
                try {
                    first.abort();
                } finally {
                    next.abort();
                }
            }
        };
    }
}
