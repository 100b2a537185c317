package io.meshgate.proxy.upstream.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.http.Exchange;
import io.meshgate.proxy.snapshot.PolicyContext;
import io.meshgate.proxy.upstream.Host;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.PickContext;
import io.meshgate.proxy.upstream.lb.HashKey;
import io.meshgate.proxy.upstream.lb.LoadBalancer;
import io.meshgate.proxy.upstream.lb.LoadBalancers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashCookieFilterTest {

    private static final PolicyContext CONTEXT = new PolicyContext("default", "shop", 0, null, "default", "edge",
            "http", 8080, "default/shop/rule/0", io.meshgate.api.ResourceSet.empty());

    private static HttpFilter filter(String cookieYaml) {
        List<HttpFilter> filters = new HashCookiePolicyCompiler().filters(Policies.spec("""
                loadBalancer:
                  type: ConsistentHash
                  consistentHash:
                    type: Cookie
                    cookie: %s
                """.formatted(cookieYaml)), CONTEXT);
        assertThat(filters).hasSize(1);
        return filters.get(0);
    }

    @Test
    void clientWithoutTheCookieGetsOneThatKeepsItOnTheSameEndpoint() {
        HttpFilter f = filter("{name: session, ttl: 1h, attributes: {SameSite: Strict}}");
        LoadBalancer.Picker picker = LoadBalancers.consistentHash(HashKey.cookie("session")).picker(hosts(8));

        Exchange first = TestExchange.request().header("cookie", "theme=dark").build();
        assertThat(f.onRequest(first)).isEqualTo(FilterResult.next());
        String sent = first.requestHeaders().get("cookie");
        assertThat(sent).matches("theme=dark; session=[0-9a-f]{32}");
        Host chosen = picker.pick(new PickContext(first, 0, Set.of()));
        f.onResponse(first);
        String setCookie = first.responseHeaders().get("set-cookie");
        String value = sent.substring(sent.indexOf("session=") + 8);
        assertThat(setCookie).isEqualTo("session=" + value + "; Max-Age=3600; Path=/; HttpOnly; SameSite=Strict");

        // The browser sends the cookie back: same endpoint, and no new cookie.
        for (int i = 0; i < 5; i++) {
            Exchange next = TestExchange.request().header("cookie", "session=" + value).build();
            f.onRequest(next);
            assertThat(picker.pick(new PickContext(next, 0, Set.of()))).isSameAs(chosen);
            f.onResponse(next);
            assertThat(next.responseHeaders().contains("set-cookie")).isFalse();
            assertThat(next.requestHeaders().get("cookie")).isEqualTo("session=" + value);
        }
    }

    @Test
    void generatedValuesDiffer() {
        HttpFilter f = filter("{name: s, ttl: 0s}");
        Exchange a = TestExchange.request().build();
        Exchange b = TestExchange.request().build();
        f.onRequest(a);
        f.onRequest(b);
        assertThat(a.requestHeaders().get("cookie")).isNotEqualTo(b.requestHeaders().get("cookie"));
        f.onResponse(a);
        assertThat(a.responseHeaders().get("set-cookie")).doesNotContain("Max-Age").endsWith("; Path=/; HttpOnly");
    }

    @Test
    void noFilterWithoutATtlOrForOtherBalancers() {
        HashCookiePolicyCompiler c = new HashCookiePolicyCompiler();
        assertThat(c.filters(Policies.spec("loadBalancer: {type: ConsistentHash, consistentHash: "
                + "{type: Cookie, cookie: {name: s}}}"), CONTEXT)).isEmpty();
        assertThat(c.filters(Policies.spec("loadBalancer: {type: RoundRobin}"), CONTEXT)).isEmpty();
        assertThat(c.filters(Policies.spec("retry: {}"), CONTEXT)).isEmpty();
    }

    private static List<Host> hosts(int n) {
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hosts.add(new Host(new Endpoint("10.0.0." + (i + 1), 80, 1), i));
        }
        return hosts;
    }
}
