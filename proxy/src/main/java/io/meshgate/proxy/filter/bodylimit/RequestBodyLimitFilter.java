package io.meshgate.proxy.filter.bodylimit;

import io.meshgate.proxy.filter.BodyRejectedException;
import io.meshgate.proxy.filter.BodyTransformer;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Objects;

/**
 * Refuses request bodies larger than a limit with 413 Content Too Large (RFC 9110 §15.5.14),
 * without buffering them: a declared {@code Content-Length} over the limit is refused before any
 * body byte is read (so a client waiting on {@code Expect: 100-continue} never sends it); a body of
 * unknown length (chunked, or HTTP/2 without content-length) is counted as it streams and cut off
 * once it passes the limit.
 */
public final class RequestBodyLimitFilter implements HttpFilter {

    private final RequestBodyLimitConfig config;

    /** A filter enforcing {@code config}. */
    public RequestBodyLimitFilter(RequestBodyLimitConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Phase phase() {
        return Phase.VALIDATION;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        String length = exchange.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return FilterResult.error(400, "invalid content-length");
            }
            // The engine enforces framing: a body can neither outgrow nor fall short of its declared length.
            return declared > config.maxBytes() ? tooLarge() : FilterResult.next();
        }
        exchange.addRequestBodyTransformer(new Counter(config.maxBytes()));
        return FilterResult.next();
    }

    private FilterResult tooLarge() {
        return FilterResult.error(413, message(config.maxBytes()));
    }

    private static String message(long maxBytes) {
        return "request body larger than " + maxBytes + " bytes";
    }

    /** Counts streamed bytes and refuses the body past the limit; passes the chunks through untouched. */
    private static final class Counter implements BodyTransformer {
        private final long maxBytes;
        private long seen;

        Counter(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public ByteBuf transform(ByteBuf chunk, ByteBufAllocator alloc) {
            seen += chunk.readableBytes();
            if (seen > maxBytes) {
                chunk.release();
                throw new BodyRejectedException(413, message(maxBytes));
            }
            return chunk;
        }

        @Override
        public ByteBuf finish(ByteBufAllocator alloc) {
            return Unpooled.EMPTY_BUFFER;
        }
    }
}
