package io.meshgate.proxy.filter.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

class UrlRewriteFilterTest {

    @Test
    void rewritesHostnameAndPrefixKeepingTheQuery() {
        UrlRewriteFilter filter = new UrlRewriteFilter(new UrlRewriteConfig("backend.internal",
                new PathModifier.ReplacePrefixMatch("/api/v1", "/v1")));
        Exchange x = TestExchange.request(HttpMethod.GET, "/api/v1/users?limit=5")
                .authority("gateway.example.com:8080").build();

        assertThat(filter.onRequest(x)).isEqualTo(FilterResult.next());

        assertThat(x.authority()).isEqualTo("backend.internal");
        assertThat(x.path()).isEqualTo("/v1/users?limit=5");
    }

    @Test
    void fullPathOnlyLeavesTheHostAlone() {
        UrlRewriteFilter filter = new UrlRewriteFilter(new UrlRewriteConfig(null,
                new PathModifier.ReplaceFullPath("/health")));
        Exchange x = TestExchange.request(HttpMethod.GET, "/status/deep").authority("a.example.com").build();
        filter.onRequest(x);
        assertThat(x.authority()).isEqualTo("a.example.com");
        assertThat(x.path()).isEqualTo("/health");
    }

    @Test
    void hostnameOnlyLeavesThePathAlone() {
        UrlRewriteFilter filter = new UrlRewriteFilter(new UrlRewriteConfig("b.example.com", null));
        Exchange x = TestExchange.request(HttpMethod.GET, "/x?y").build();
        filter.onRequest(x);
        assertThat(x.authority()).isEqualTo("b.example.com");
        assertThat(x.path()).isEqualTo("/x?y");
    }

    @Test
    void rejectsWildcardOrPortInHostname() {
        assertThatThrownBy(() -> new UrlRewriteConfig("*.example.com", null))
                .hasMessage("hostname: '*.example.com' (expected: a precise hostname, no wildcard, no port)");
        assertThatThrownBy(() -> new UrlRewriteConfig("a.com:80", null))
                .hasMessageStartingWith("hostname: 'a.com:80'");
    }
}
