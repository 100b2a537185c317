package io.meshgate.api.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every YAML example of docs/rate-limits.md and docs/transformation.md loads: complete resources
 * as they are, spec fragments inside a TransformFilter. The examples name Gateways, routes and
 * Backends they do not define; only those references may be reported missing.
 */
class RateLimitAndTransformDocsTest {

    @ParameterizedTest
    @ValueSource(strings = {"rate-limits.md", "transformation.md"})
    void examplesLoad(String page) throws Exception {
        List<String> blocks = yamlBlocks(Files.readString(Path.of("../docs", page)));
        assertThat(blocks).isNotEmpty();
        for (String yaml : blocks) {
            String doc = yaml.startsWith("apiVersion:") ? yaml
                    : "apiVersion: meshgate.io/v1alpha1\nkind: TransformFilter\nmetadata: {name: example}\nspec:\n"
                    + yaml.indent(2);
            LoadResult r = new ConfigLoader().load(page, doc);
            assertThat(r.errors()).as("example:\n%s", yaml)
                    .allSatisfy(e -> assertThat(e.toString()).endsWith("not found"));
            assertThat(r.resources().size()).as("example:\n%s", yaml).isPositive();
        }
    }

    private static List<String> yamlBlocks(String markdown) {
        List<String> out = new ArrayList<>();
        int at = 0;
        while ((at = markdown.indexOf("```yaml\n", at)) >= 0) {
            int start = at + "```yaml\n".length();
            int end = markdown.indexOf("```", start);
            out.add(markdown.substring(start, end));
            at = end + 3;
        }
        return out;
    }
}
