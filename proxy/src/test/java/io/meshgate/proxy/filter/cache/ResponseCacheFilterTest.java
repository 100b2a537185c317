package io.meshgate.proxy.filter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.BodyMode;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.http.Exchange;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseCacheFilterTest {

    static final ResponseCacheConfig DEFAULTS = new ResponseCacheConfig(Duration.ZERO, null, 1024, 1 << 20,
            Set.of(200, 203, 301, 404));

    long nanos = 1_000_000_000L;
    final List<Exchange> exchanges = new ArrayList<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CacheStore store = new CacheStore(1 << 20, () -> nanos);
    final CacheMeters meters = new CacheMeters(registry, "default/cache", store);
    ResponseCacheFilter filter = new ResponseCacheFilter(DEFAULTS, store, meters, "default/accounts/rule/0");

    @AfterEach
    void release() {
        exchanges.forEach(Exchange::release);
    }

    void advanceSeconds(long s) {
        nanos += TimeUnit.SECONDS.toNanos(s);
    }

    Exchange request(TestExchange t) {
        Exchange x = t.build();
        exchanges.add(x);
        return x;
    }

    /** Runs one exchange through the filter; the backend answers with status, headers and body. */
    FilterResult.Respond hitOrNull(TestExchange t, int status, String body, String... headers) {
        Exchange x = request(t);
        FilterResult r = filter.onRequest(x);
        if (r instanceof FilterResult.Respond hit) {
            return hit;
        }
        assertThat(r).isSameAs(FilterResult.next());
        x.status(status);
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        h.set("content-length", body.length());
        x.responseHeaders(h);
        x.responseBody(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        assertThat(filter.onResponse(x)).isSameAs(FilterResult.next());
        assertThat(x.responseHeaders().get("x-cache")).isEqualTo("MISS");
        return null;
    }

    TestExchange get(String path) {
        return TestExchange.request(HttpMethod.GET, path);
    }

    @Test
    void storesAndServesWithAgeUntilMaxAge() {
        assertThat(hitOrNull(get("/accounts/alice"), 200, "{\"a\":1}", "cache-control", "max-age=60",
                "content-type", "application/json", "connection", "keep-alive")).isNull();
        advanceSeconds(10);
        FilterResult.Respond hit = hitOrNull(get("/accounts/alice"), 200, "x");
        assertThat(hit).isNotNull();
        assertThat(hit.status()).isEqualTo(200);
        assertThat(new String(hit.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(hit.headers().get("x-cache")).isEqualTo("HIT");
        assertThat(hit.headers().get("age")).isEqualTo("10");
        assertThat(hit.headers().get("content-type")).isEqualTo("application/json");
        assertThat(hit.headers().contains("connection")).isFalse();
        assertThat(hit.headers().contains("content-length")).isFalse();

        assertThat(hitOrNull(TestExchange.request(HttpMethod.HEAD, "/accounts/alice"), 200, "")).isNotNull();
        assertThat(hitOrNull(get("/accounts/alice?x=1"), 200, "q", "cache-control", "max-age=60"))
                .as("the query is part of the key").isNull();
        assertThat(hitOrNull(get("/accounts/alice").authority("other.example"), 200, "q")).isNull();

        advanceSeconds(50);
        assertThat(hitOrNull(get("/accounts/alice"), 200, "new", "cache-control", "max-age=60"))
                .as("stale at max-age").isNull();
        assertThat(new String(hitOrNull(get("/accounts/alice"), 200, "x").body(), StandardCharsets.UTF_8))
                .isEqualTo("new");
        assertThat(registry.get(CacheMeters.LOOKUPS).tag("result", "hit").counter().count()).isEqualTo(3);
        assertThat(registry.get(CacheMeters.LOOKUPS).tag("result", "miss").counter().count()).isEqualTo(4);
        assertThat(registry.get(CacheMeters.ENTRIES).gauge().value()).isEqualTo(2);
        assertThat(registry.get(CacheMeters.BYTES).gauge().value()).isEqualTo(store.bytes()).isPositive();
    }

    @Test
    void sMaxAgeWinsAndUpstreamAgeCounts() {
        hitOrNull(get("/a"), 200, "x", "cache-control", "max-age=5, s-maxage=100", "age", "30");
        advanceSeconds(60);
        assertThat(hitOrNull(get("/a"), 200, "y").headers().get("age")).isEqualTo("90");
        advanceSeconds(10);
        assertThat(hitOrNull(get("/a"), 200, "y", "cache-control", "max-age=5")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "200 | cache-control | no-store",
            "200 | cache-control | private, max-age=60",
            "200 | cache-control | no-cache, max-age=60",
            "200 | cache-control | max-age=0",
            "200 | vary | *",
            "500 | cache-control | max-age=60",
            "201 | cache-control | max-age=60",
            "200 | x-none | no freshness and no default TTL",
            "200 | expires | Thu, 01 Jan 1970 00:00:00 GMT",
    })
    void notStored(int status, String header, String value) {
        hitOrNull(get("/a"), status, "x", header, value, "date", "Thu, 01 Jan 2026 00:00:00 GMT");
        assertThat(store.size()).isZero();
        assertThat(hitOrNull(get("/a"), 200, "y")).isNull();
    }

    @Test
    void setCookieBigBodiesAndPostAreNotStored() {
        hitOrNull(get("/a"), 200, "x", "cache-control", "max-age=60", "set-cookie", "s=1");
        hitOrNull(get("/b"), 200, "x".repeat(1025), "cache-control", "max-age=60");
        Exchange post = request(TestExchange.request(HttpMethod.POST, "/a"));
        assertThat(filter.onRequest(post)).isSameAs(FilterResult.next());
        post.status(200);
        post.responseHeaders().set("cache-control", "max-age=60");
        filter.onResponse(post);
        assertThat(post.responseHeaders().contains("x-cache")).isFalse();
        hitOrNull(TestExchange.request(HttpMethod.HEAD, "/c"), 200, "", "cache-control", "max-age=60");
        assertThat(store.size()).isZero();
        assertThat(filter.responseBodyMode()).isEqualTo(BodyMode.bufferUpTo(1024));
    }

    @Test
    void expiresAndDefaultTtlAndMaxTtl() {
        hitOrNull(get("/e"), 200, "x", "date", "Thu, 01 Jan 2026 00:00:00 GMT",
                "expires", "Thu, 01 Jan 2026 00:00:30 GMT");
        advanceSeconds(29);
        assertThat(hitOrNull(get("/e"), 200, "y")).isNotNull();
        advanceSeconds(1);
        assertThat(hitOrNull(get("/e"), 200, "y")).isNull();

        filter = new ResponseCacheFilter(new ResponseCacheConfig(Duration.ofSeconds(20), Duration.ofSeconds(40), 1024,
                1 << 20, Set.of(200)), store, meters, "r2");
        hitOrNull(get("/d"), 200, "x");
        hitOrNull(get("/m"), 200, "x", "cache-control", "max-age=3600");
        advanceSeconds(19);
        assertThat(hitOrNull(get("/d"), 200, "y")).isNotNull();
        advanceSeconds(1);
        assertThat(hitOrNull(get("/d"), 200, "y")).isNull();
        advanceSeconds(20);
        assertThat(hitOrNull(get("/m"), 200, "y")).as("capped by maxTtl").isNull();
    }

    @Test
    void varyKeepsVariantsApart() {
        hitOrNull(get("/v").header("accept-language", "de"), 200, "hallo", "cache-control", "max-age=60",
                "vary", "Accept-Language");
        hitOrNull(get("/v").header("accept-language", "en"), 200, "hello", "cache-control", "max-age=60",
                "vary", "Accept-Language");
        assertThat(new String(hitOrNull(get("/v").header("accept-language", "de"), 200, "").body(),
                StandardCharsets.UTF_8)).isEqualTo("hallo");
        assertThat(new String(hitOrNull(get("/v").header("accept-language", "en"), 200, "").body(),
                StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(hitOrNull(get("/v"), 200, "none", "cache-control", "max-age=60", "vary", "accept-language"))
                .isNull();
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void requestDirectives() {
        hitOrNull(get("/r"), 200, "old", "cache-control", "max-age=60");
        assertThat(hitOrNull(get("/r").header("cache-control", "no-cache"), 200, "new", "cache-control", "max-age=60"))
                .isNull();
        assertThat(new String(hitOrNull(get("/r"), 200, "").body(), StandardCharsets.UTF_8))
                .as("no-cache refreshed the entry").isEqualTo("new");
        assertThat(hitOrNull(get("/r").header("pragma", "no-cache"), 200, "newer")).isNull();
        FilterResult.Respond cached = (FilterResult.Respond) filter.onRequest(request(
                get("/r").header("cache-control", "only-if-cached")));
        assertThat(cached.status()).isEqualTo(200);
        FilterResult.Respond missing = (FilterResult.Respond) filter.onRequest(request(
                get("/nothing").header("cache-control", "only-if-cached")));
        assertThat(missing.status()).isEqualTo(504);
        Exchange bypass = request(get("/r").header("cache-control", "no-store"));
        assertThat(filter.onRequest(bypass)).isSameAs(FilterResult.next());
        filter.onResponse(bypass);
        assertThat(bypass.responseHeaders().contains("x-cache")).isFalse();
    }

    @Test
    void authorizedRequestsOnlyWhenPublic() {
        hitOrNull(get("/p").header("authorization", "Bearer x"), 200, "mine", "cache-control", "max-age=60");
        assertThat(store.size()).isZero();
        hitOrNull(get("/p").header("authorization", "Bearer x"), 200, "all", "cache-control", "public, max-age=60");
        assertThat(store.size()).isOne();
    }

    @Test
    void memoryIsBoundedLeastRecentlyUsedFirst() {
        CacheStore small = new CacheStore(3500, () -> nanos);
        filter = new ResponseCacheFilter(DEFAULTS, small, meters, "r");
        hitOrNull(get("/1"), 200, "a".repeat(700), "cache-control", "max-age=60");
        hitOrNull(get("/2"), 200, "b".repeat(700), "cache-control", "max-age=60");
        hitOrNull(get("/3"), 200, "c".repeat(700), "cache-control", "max-age=60");
        assertThat(hitOrNull(get("/1"), 200, "")).isNotNull(); // /1 is now the most recently used
        hitOrNull(get("/4"), 200, "d".repeat(700), "cache-control", "max-age=60");
        assertThat(small.bytes()).isLessThanOrEqualTo(3500);
        assertThat(hitOrNull(get("/1"), 200, "")).isNotNull();
        assertThat(hitOrNull(get("/4"), 200, "")).isNotNull();
        assertThat(hitOrNull(get("/2"), 200, "", "cache-control", "no-store")).as("evicted").isNull();
    }
}
