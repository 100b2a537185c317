package io.meshgate.proxy.filter.bodylimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.proxy.filter.BodyRejectedException;
import io.meshgate.proxy.filter.BodyTransformer;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.http.Exchange;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodyLimitFilterTest {

    private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(new RequestBodyLimitConfig(10));

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsRead() {
        FilterResult r = filter.onRequest(TestExchange.request().header("content-length", "11").build());
        assertThat(r).isInstanceOf(FilterResult.Respond.class);
        FilterResult.Respond respond = (FilterResult.Respond) r;
        assertThat(respond.status()).isEqualTo(413);
        assertThat(new String(respond.body(), StandardCharsets.UTF_8)).contains("request body larger than 10 bytes");
    }

    @Test
    void aDeclaredLengthWithinTheLimitPassesWithoutCounting() {
        Exchange x = TestExchange.request().header("content-length", "10").build();
        assertThat(filter.onRequest(x)).isEqualTo(FilterResult.next());
        assertThat(x.requestBodyTransformer()).isNull();
    }

    @Test
    void aMalformedLengthIsABadRequest() {
        FilterResult.Respond r = (FilterResult.Respond) filter.onRequest(
                TestExchange.request().header("content-length", "ten").build());
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void aStreamedBodyIsCountedAndCutOffPastTheLimit() {
        Exchange x = TestExchange.request().header("transfer-encoding", "chunked").build();
        assertThat(filter.onRequest(x)).isEqualTo(FilterResult.next());
        BodyTransformer counter = x.requestBodyTransformer();
        ByteBuf first = Unpooled.copiedBuffer("123456", StandardCharsets.US_ASCII);
        ByteBuf out = counter.transform(first, ByteBufAllocator.DEFAULT);
        assertThat(out).isSameAs(first); // passed through, not copied
        out.release();
        ByteBuf second = Unpooled.copiedBuffer("7890", StandardCharsets.US_ASCII);
        counter.transform(second, ByteBufAllocator.DEFAULT).release(); // exactly 10: fine
        ByteBuf third = Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> counter.transform(third, ByteBufAllocator.DEFAULT))
                .isInstanceOfSatisfying(BodyRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.getMessage()).isEqualTo("request body larger than 10 bytes");
                });
        assertThat(third.refCnt()).isZero();
    }

    @Test
    void zeroAcceptsOnlyEmptyBodies() {
        RequestBodyLimitFilter none = new RequestBodyLimitFilter(new RequestBodyLimitConfig(0));
        assertThat(none.onRequest(TestExchange.request().header("content-length", "0").build()))
                .isEqualTo(FilterResult.next());
        Exchange x = TestExchange.request().build();
        none.onRequest(x);
        assertThat(x.requestBodyTransformer().finish(ByteBufAllocator.DEFAULT).readableBytes()).isZero();
    }
}
