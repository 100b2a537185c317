package io.meshgate.proxy.filter.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import io.meshgate.api.transform.TransformFilter;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.filter.bodylimit.RequestBodyLimitFilter;
import io.meshgate.proxy.filter.compress.CompressionFilter;
import io.meshgate.proxy.filter.jsonshape.JsonShapeFilter;
import io.meshgate.proxy.snapshot.BuiltinExtensionFilters;
import io.meshgate.proxy.snapshot.ExtensionContext;
import io.meshgate.proxy.snapshot.PolicyContext;
import io.meshgate.proxy.snapshot.PolicyEnvironment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoopGroup;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformFilterCompilerTest {

    @Test
    void compilesEachBlockIntoItsFilterAndIsRegistered() {
        LoadResult r = new ConfigLoader().load("t.yaml", """
                apiVersion: meshgate.io/v1alpha1
                kind: TransformFilter
                metadata: {name: t, namespace: bank}
                spec:
                  requestBodyLimit: {maxBytes: 10}
                  compression: {types: [Deflate]}
                  jsonShape: {remove: [secret]}
                """);
        assertThat(r.errors()).isEmpty();
        TransformFilter t = r.resources().all(TransformFilter.class).get(0);
        DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
        try {
            PolicyEnvironment env = new PolicyEnvironment(loops, Clock.systemUTC(), new SimpleMeterRegistry());
            assertThat(BuiltinExtensionFilters.create(env)).anySatisfy(c ->
                    assertThat(c.resourceType()).isEqualTo(TransformFilter.class));
            List<HttpFilter> filters = new TransformFilterCompiler(env).filters(t,
                    new ExtensionContext(new PolicyContext("bank", "r", 0, null, "bank", "gw", "http", 80, "bank/r/rule/0"),
                            ref -> null));
            assertThat(filters).hasExactlyElementsOfTypes(RequestBodyLimitFilter.class, JsonShapeFilter.class,
                    CompressionFilter.class);
            assertThat(filters).extracting(HttpFilter::phase)
                    .containsExactly(Phase.VALIDATION, Phase.TRANSFORM, Phase.TRANSFORM);
        } finally {
            loops.shutdownGracefully();
        }
    }
}
