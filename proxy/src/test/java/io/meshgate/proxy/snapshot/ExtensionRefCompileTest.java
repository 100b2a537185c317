package io.meshgate.proxy.snapshot;

import static io.meshgate.proxy.snapshot.Compiling.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.filter.compress.CompressionFilter;
import io.meshgate.proxy.filter.jsonshape.JsonShapeFilter;
import io.meshgate.proxy.route.Route;
import io.meshgate.proxy.filter.transform.TransformFilterCompiler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoopGroup;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ExtensionRef filters of HTTPRoute rules and backendRefs become the filters of their kind's compiler. */
class ExtensionRefCompileTest {

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    private final Compiling c = new Compiling();

    @AfterEach
    void close() {
        loops.shutdownGracefully();
    }

    private static final String CONFIG = SnapshotCompilerTest.GATEWAY + SnapshotCompilerTest.backend("accounts", 9101) + """
            apiVersion: meshgate.io/v1alpha1
            kind: TransformFilter
            metadata: {name: slim}
            spec:
              compression: {}
              jsonShape: {remove: [owner.ssn]}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: accounts}
            spec:
              parentRefs: [{name: edge}]
              rules:
                - matches: [{path: {type: PathPrefix, value: /accounts}}]
                  filters:
                    - type: ExtensionRef
                      extensionRef: {group: meshgate.io, kind: TransformFilter, name: slim}
                  backendRefs: [{name: accounts, port: 80}]
            """;

    @Test
    void anExtensionRefBecomesTheFiltersOfItsKind() {
        c.extensions.add(new TransformFilterCompiler(new PolicyEnvironment(loops, Clock.systemUTC(),
                new SimpleMeterRegistry())));
        Route r = get(c.apply(CONFIG), 8080, "any.host", "/accounts/1");
        List<Class<?>> types = new ArrayList<>();
        for (int i = 0; i < r.filters().size(); i++) {
            types.add(r.filters().get(i).getClass());
        }
        assertThat(types).containsExactly(JsonShapeFilter.class, CompressionFilter.class);
        assertThat(r.filters().buffersResponse()).isTrue();
    }

    @Test
    void anExtensionRefWithoutACompilerAnswers500() {
        Route r = get(c.apply(CONFIG), 8080, "any.host", "/accounts/1");
        assertThat(r.filters().size()).isEqualTo(1);
        HttpFilter f = r.filters().get(0);
        FilterResult res = f.onRequest(TestExchange.request().build());
        assertThat(res).isInstanceOfSatisfying(FilterResult.Respond.class, x -> assertThat(x.status()).isEqualTo(500));
    }
}
