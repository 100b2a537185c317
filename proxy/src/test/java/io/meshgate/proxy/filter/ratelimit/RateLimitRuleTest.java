package io.meshgate.proxy.filter.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.http.Exchange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitRuleTest {

    private static RateLimitRule rule(ClientSelector... selectors) {
        return new RateLimitRule("r", List.of(selectors), Quota.of(1, Duration.ofSeconds(1)));
    }

    private static Exchange request(String... headers) {
        TestExchange b = TestExchange.request();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    @Test
    void oneDistinctValueIsItsOwnKeyAndSeparatorsAreEscaped() {
        RateLimitRule r = rule(HeaderSelector.distinct("x-user"));
        assertThat(r.bucketKey(request("x-user", "alice"))).isEqualTo("alice");
        assertThat(r.bucketKey(request("x-user", "a|b"))).isEqualTo("a\\|b");
        assertThat(r.bucketKey(request("x-user", "a\\b"))).isEqualTo("a\\\\b");
        assertThat(r.bucketKey(request())).isNull();
    }

    @Test
    void severalDistinctValuesAreJoinedSoThatNoTwoTuplesShareAKey() {
        RateLimitRule r = rule(HeaderSelector.distinct("a"), HeaderSelector.exact("tier", "gold"),
                HeaderSelector.distinct("b"));
        assertThat(r.bucketKey(request("a", "x|", "b", "y", "tier", "gold"))).isEqualTo("x\\||y");
        assertThat(r.bucketKey(request("a", "x", "b", "|y", "tier", "gold"))).isEqualTo("x|\\|y");
        assertThat(r.bucketKey(request("a", "x", "b", "y", "tier", "silver"))).isNull();
    }

    @Test
    void withoutDistinctSelectorsEveryMatchingRequestSharesOneBucket() {
        assertThat(rule(HeaderSelector.exact("tier", "gold")).bucketKey(request("tier", "gold")))
                .isEqualTo(ClientSelector.SHARED);
        assertThat(rule().bucketKey(request())).isEqualTo(ClientSelector.SHARED);
    }
}
