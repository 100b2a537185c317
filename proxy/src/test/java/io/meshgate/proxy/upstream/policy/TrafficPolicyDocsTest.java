package io.meshgate.proxy.upstream.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import io.meshgate.api.policy.BackendTrafficPolicy;
import io.meshgate.proxy.route.RouteTimeouts;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.cluster.ClusterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every YAML example of docs/traffic-policy.md loads with the page's setup and translates. */
class TrafficPolicyDocsTest {

    static Stream<Arguments> examples() throws IOException {
        String doc = Files.readString(Path.of("../docs/traffic-policy.md"));
        List<String> blocks = new ArrayList<>();
        int at = 0;
        while ((at = doc.indexOf("```yaml\n", at)) >= 0) {
            int start = at + "```yaml\n".length();
            int end = doc.indexOf("```", start);
            blocks.add(doc.substring(start, end));
            at = end + 3;
        }
        assertThat(blocks).hasSizeGreaterThan(8);
        String setup = blocks.get(0);
        return blocks.subList(1, blocks.size()).stream()
                .map(b -> Arguments.of(b.lines().filter(l -> l.startsWith("metadata:")).findFirst().orElse(b), setup, b));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleLoadsAndTranslates(String name, String setup, String example) {
        LoadResult r = new ConfigLoader().load("traffic-policy.md", setup + "---\n" + example);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        List<BackendTrafficPolicy> policies = r.resources().backendTrafficPolicies();
        assertThat(policies).hasSize(1);
        BackendTrafficPolicy p = policies.get(0);
        BackendTrafficPolicyTranslator t = new BackendTrafficPolicyTranslator();
        ClusterConfig base = ClusterConfig.of("default/shop", List.of(new Endpoint("127.0.0.1", 9001, 1),
                new Endpoint("127.0.0.1", 9002, 2)));
        assertThat(t.cluster(base, "default/shop@default/" + p.metadata().name(), p).endpoints()).hasSize(2);
        assertThat(t.retry(p)).isNotNull();
        assertThat(t.timeouts(RouteTimeouts.NONE, p)).isNotNull();
    }
}
