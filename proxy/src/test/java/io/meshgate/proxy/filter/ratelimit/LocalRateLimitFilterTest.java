package io.meshgate.proxy.filter.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.Cidr;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.filter.auth.AuthenticatedIdentity;
import io.meshgate.proxy.http.Exchange;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalRateLimitFilterTest {

    private final AtomicLong clock = new AtomicLong(-5_000_000_000L); // nanoTime may be negative

    private LocalRateLimitFilter filter(RateLimitRule... rules) {
        return new LocalRateLimitFilter(new LocalRateLimiter(List.of(rules), 1000, clock::get), new SimpleMeterRegistry());
    }

    private static RateLimitRule rule(Quota quota, ClientSelector... selectors) {
        return new RateLimitRule("r", List.of(selectors), quota);
    }

    private static FilterResult call(LocalRateLimitFilter f, TestExchange request) {
        return f.onRequest(request.build());
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    @Test
    void admitsTheQuotaThenRefusesWith429AndRetryAfter() {
        LocalRateLimitFilter f = filter(rule(Quota.of(3, Duration.ofSeconds(1))));
        for (int i = 0; i < 3; i++) {
            assertThat(call(f, TestExchange.request())).isEqualTo(FilterResult.next());
        }
        FilterResult refused = call(f, TestExchange.request());
        assertThat(refused).isInstanceOf(FilterResult.Respond.class);
        FilterResult.Respond r = (FilterResult.Respond) refused;
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers().get("retry-after")).isEqualTo("1");
        assertThat(r.headers().get("ratelimit-limit")).isEqualTo("3");
        assertThat(r.headers().get("ratelimit-remaining")).isEqualTo("0");
        assertThat(r.headers().get("ratelimit-reset")).isEqualTo("1");
        assertThat(r.headers().get("ratelimit-policy")).isEqualTo("3;w=1");

        advance(Duration.ofMillis(334)); // one token every 333.3 ms
        assertThat(call(f, TestExchange.request())).isEqualTo(FilterResult.next());
        assertThat(call(f, TestExchange.request())).isInstanceOf(FilterResult.Respond.class);
    }

    @Test
    void zeroRequestsRefusesEverything() {
        LocalRateLimitFilter f = filter(rule(Quota.of(0, Duration.ofMinutes(1))));
        FilterResult.Respond r = (FilterResult.Respond) call(f, TestExchange.request());
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers().get("retry-after")).isEqualTo("60");
        assertThat(r.headers().get("ratelimit-limit")).isEqualTo("0");
        advance(Duration.ofHours(1));
        assertThat(call(f, TestExchange.request())).isInstanceOf(FilterResult.Respond.class);
    }

    @Test
    void retryAfterCountsUpToTheNextToken() {
        LocalRateLimitFilter f = filter(rule(Quota.of(10, Duration.ofMinutes(1))));
        for (int i = 0; i < 10; i++) {
            call(f, TestExchange.request());
        }
        FilterResult.Respond r = (FilterResult.Respond) call(f, TestExchange.request());
        assertThat(r.headers().get("retry-after")).isEqualTo("6");
        assertThat(r.headers().get("ratelimit-reset")).isEqualTo("60");
        advance(Duration.ofSeconds(5));
        r = (FilterResult.Respond) call(f, TestExchange.request());
        assertThat(r.headers().get("retry-after")).isEqualTo("1");
    }

    @Test
    void admittedResponsesCarryTheRemainingQuota() {
        LocalRateLimitFilter f = filter(rule(Quota.of(5, Duration.ofSeconds(10))));
        Exchange x = TestExchange.request().build();
        assertThat(f.onRequest(x)).isEqualTo(FilterResult.next());
        x.status(200);
        x.responseHeaders(new DefaultHttpHeaders());
        f.onResponse(x);
        assertThat(x.responseHeaders().get("ratelimit-limit")).isEqualTo("5");
        assertThat(x.responseHeaders().get("ratelimit-remaining")).isEqualTo("4");
        assertThat(x.responseHeaders().get("ratelimit-reset")).isEqualTo("2");
        assertThat(x.responseHeaders().get("ratelimit-policy")).isEqualTo("5;w=10");
    }

    @Test
    void theTightestLimitOfTheRouteDescribesTheResponse() {
        LocalRateLimitFilter loose = filter(rule(Quota.of(3, Duration.ofMinutes(1))));
        LocalRateLimitFilter strict = filter(rule(Quota.of(1, Duration.ofMinutes(1))));
        // Chain order loose, strict: the response phase runs strict first, then loose.
        Exchange admitted = TestExchange.request().build();
        assertThat(loose.onRequest(admitted)).isEqualTo(FilterResult.next());
        assertThat(strict.onRequest(admitted)).isEqualTo(FilterResult.next());
        admitted.status(200);
        strict.onResponse(admitted);
        loose.onResponse(admitted);
        assertThat(admitted.responseHeaders().get("ratelimit-limit")).isEqualTo("1");
        assertThat(admitted.responseHeaders().get("ratelimit-remaining")).isEqualTo("0");

        Exchange refused = TestExchange.request().build();
        assertThat(loose.onRequest(refused)).isEqualTo(FilterResult.next());
        FilterResult.Respond r = (FilterResult.Respond) strict.onRequest(refused);
        refused.status(r.status());
        refused.responseHeaders(r.headers());
        loose.onResponse(refused); // only the filters before the one that answered see the response
        assertThat(refused.responseHeaders().get("ratelimit-limit")).isEqualTo("1");
        assertThat(refused.responseHeaders().get("ratelimit-policy")).isEqualTo("1;w=60");
        assertThat(refused.responseHeaders().get("retry-after")).isEqualTo("60");
    }

    @Test
    void burstLetsMoreThroughAtOnceButRefillsAtTheRate() {
        LocalRateLimitFilter f = filter(rule(new Quota(10, Duration.ofSeconds(1), 25)));
        assertThat(countAdmitted(f, 100)).isEqualTo(25);
        advance(Duration.ofSeconds(1));
        assertThat(countAdmitted(f, 100)).isEqualTo(10);
        FilterResult.Respond r = (FilterResult.Respond) call(f, TestExchange.request());
        assertThat(r.headers().get("ratelimit-policy")).isEqualTo("10;w=1;burst=25");
        assertThat(r.headers().get("ratelimit-limit")).isEqualTo("25");
    }

    @Test
    void severalLimitsAllCountAndARefusalUsesUpNone() {
        LocalRateLimitFilter f = filter(
                rule(Quota.of(2, Duration.ofSeconds(1))),
                rule(Quota.of(5, Duration.ofHours(1))));
        assertThat(countAdmitted(f, 10)).isEqualTo(2); // 8 refused by the per-second limit...
        advance(Duration.ofSeconds(1));
        assertThat(countAdmitted(f, 10)).isEqualTo(2); // ...did not use up the hourly one
        advance(Duration.ofSeconds(1));
        assertThat(countAdmitted(f, 10)).isEqualTo(1); // 5 per hour reached
        FilterResult.Respond r = (FilterResult.Respond) call(f, TestExchange.request());
        assertThat(r.headers().get("ratelimit-policy")).isEqualTo("5;w=3600");
        assertThat(Long.parseLong(r.headers().get("retry-after"))).isBetween(700L, 720L);
    }

    @Test
    void distinctHeaderValuesGetTheirOwnBucketAndAMissingHeaderIsNotLimited() {
        LocalRateLimitFilter f = filter(rule(Quota.of(2, Duration.ofMinutes(1)), HeaderSelector.distinct("x-user")));
        assertThat(countAdmitted(f, 5, TestExchange.request().header("x-user", "alice"))).isEqualTo(2);
        assertThat(countAdmitted(f, 5, TestExchange.request().header("x-user", "bob"))).isEqualTo(2);
        Exchange anonymous = TestExchange.request().build();
        assertThat(f.onRequest(anonymous)).isEqualTo(FilterResult.next());
        anonymous.status(200);
        f.onResponse(anonymous);
        assertThat(anonymous.responseHeaders().contains("ratelimit-limit")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "EXACT, gold, false, gold, true",
            "EXACT, gold, false, silver, false",
            "EXACT, gold, true, silver, true",
            "EXACT, gold, true, gold, false",
            "REGULAR_EXPRESSION, 'gold|platinum', false, platinum, true",
            "REGULAR_EXPRESSION, 'gold|platinum', false, platinum-x, false",
            "REGULAR_EXPRESSION, 'gold|platinum', true, silver, true",
    })
    void headerSelectorDecidesWhetherTheRuleApplies(ClientSelector.Match match, String value, boolean invert,
                                                    String actual, boolean limited) {
        LocalRateLimitFilter f = filter(rule(Quota.of(1, Duration.ofMinutes(1)),
                new HeaderSelector("x-plan", match, value, invert)));
        assertThat(countAdmitted(f, 3, TestExchange.request().header("x-plan", actual))).isEqualTo(limited ? 1 : 3);
    }

    @Test
    void sourceCidrExactSharesOneBucketDistinctGivesEachAddressItsOwn() {
        LocalRateLimitFilter exact = filter(rule(Quota.of(2, Duration.ofMinutes(1)),
                new SourceCidrSelector(Cidr.parse("10.0.0.0/8"), ClientSelector.Match.EXACT)));
        assertThat(countAdmitted(exact, 1, TestExchange.request().remote("10.1.1.1", 1))).isEqualTo(1);
        assertThat(countAdmitted(exact, 5, TestExchange.request().remote("10.2.2.2", 1))).isEqualTo(1);
        assertThat(countAdmitted(exact, 5, TestExchange.request().remote("192.168.0.1", 1))).isEqualTo(5);

        LocalRateLimitFilter distinct = filter(rule(Quota.of(2, Duration.ofMinutes(1)),
                new SourceCidrSelector(Cidr.parse("::/0"), ClientSelector.Match.DISTINCT)));
        assertThat(countAdmitted(distinct, 5, TestExchange.request().remote("2001:db8::1", 1))).isEqualTo(2);
        assertThat(countAdmitted(distinct, 5, TestExchange.request().remote("2001:db8::2", 1))).isEqualTo(2);
    }

    @Test
    void consumerSelectorKeysOnTheAuthenticatedConsumer() {
        LocalRateLimitFilter perConsumer = filter(rule(Quota.of(2, Duration.ofMinutes(1)), ConsumerSelector.distinct()));
        assertThat(countAdmitted(perConsumer, 5, "acme")).isEqualTo(2);
        assertThat(countAdmitted(perConsumer, 5, "globex")).isEqualTo(2);
        assertThat(countAdmitted(perConsumer, 5, TestExchange.request())).isEqualTo(5); // anonymous: rule does not apply

        LocalRateLimitFilter oneConsumer = filter(rule(Quota.of(1, Duration.ofMinutes(1)), ConsumerSelector.exact("acme")));
        assertThat(countAdmitted(oneConsumer, 3, "acme")).isEqualTo(1);
        assertThat(countAdmitted(oneConsumer, 3, "globex")).isEqualTo(3);
    }

    private static int countAdmitted(LocalRateLimitFilter f, int attempts, String consumer) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            Exchange x = TestExchange.request().build();
            x.attr(AuthAttributes.IDENTITY, new AuthenticatedIdentity(consumer, AuthenticatedIdentity.Method.API_KEY));
            admitted += f.onRequest(x) == FilterResult.next() ? 1 : 0;
        }
        return admitted;
    }

    @Test
    void combinedSelectorsKeyOnTheTupleOfValues() {
        LocalRateLimitFilter f = filter(rule(Quota.of(1, Duration.ofMinutes(1)),
                HeaderSelector.distinct("a"), HeaderSelector.distinct("b")));
        assertThat(countAdmitted(f, 2, TestExchange.request().header("a", "x|").header("b", "y"))).isEqualTo(1);
        assertThat(countAdmitted(f, 2, TestExchange.request().header("a", "x").header("b", "|y"))).isEqualTo(1);
        assertThat(countAdmitted(f, 2, TestExchange.request().header("a", "").header("b", "x"))).isEqualTo(1);
        assertThat(countAdmitted(f, 2, TestExchange.request().header("a", "x").header("b", ""))).isEqualTo(1);
    }

    @Test
    void distinctBucketsStayBoundedAndFullOnesGoFirst() {
        LocalRateLimiter limiter = new LocalRateLimiter(
                List.of(rule(Quota.of(1, Duration.ofSeconds(1)), HeaderSelector.distinct("x-user"))), 100, clock::get);
        for (int i = 0; i < 1000; i++) {
            limiter.acquire(TestExchange.request().header("x-user", "u" + i).build());
            advance(Duration.ofMillis(20));
            assertThat(limiter.distinctBuckets()).isLessThanOrEqualTo(100);
        }
        // Each user's bucket refills within a second, so at most ~50 are busy at a time: none evicted busy.
        assertThat(limiter.evictedBusy()).isZero();

        LocalRateLimiter busy = new LocalRateLimiter(
                List.of(rule(Quota.of(1, Duration.ofHours(1)), HeaderSelector.distinct("x-user"))), 100, clock::get);
        for (int i = 0; i < 1000; i++) {
            busy.acquire(TestExchange.request().header("x-user", "u" + i).build());
        }
        assertThat(busy.distinctBuckets()).isLessThanOrEqualTo(100);
        assertThat(busy.evictedBusy()).isGreaterThanOrEqualTo(900);
    }

    @Test
    void concurrentCallersNeverGetMoreThanTheQuota() throws Exception {
        LocalRateLimitFilter f = filter(rule(Quota.of(1000, Duration.ofHours(1))));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> parts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                parts.add(pool.submit(() -> countAdmitted(f, 1000)));
            }
            int admitted = 0;
            for (Future<Integer> p : parts) {
                admitted += p.get(30, TimeUnit.SECONDS);
            }
            assertThat(admitted).isEqualTo(1000);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int countAdmitted(LocalRateLimitFilter f, int attempts) {
        return countAdmitted(f, attempts, TestExchange.request());
    }

    private static int countAdmitted(LocalRateLimitFilter f, int attempts, TestExchange request) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            FilterResult r = f.onRequest(request.build());
            if (r == FilterResult.next()) {
                admitted++;
            } else {
                assertThat(((FilterResult.Respond) r).status()).isEqualTo(429);
            }
        }
        return admitted;
    }
}
