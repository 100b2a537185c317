package io.meshgate.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every YAML example of docs/security.md loads, with the page's setup, without errors or warnings. */
class SecurityDocsTest {

    @Test
    void everyExampleLoads() throws Exception {
        List<String> blocks = yamlBlocks(Files.readString(Path.of("../docs/security.md")));
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(8);
        String setup = blocks.get(0);
        for (String example : blocks.subList(1, blocks.size())) {
            String yaml = setup + "---\n" + example;
            if (example.contains("partner-ca")) {
                yaml += "---\napiVersion: v1\nkind: Secret\nmetadata: {name: partner-ca}\nstringData:\n  ca.crt: |\n"
                        + pem().indent(4);
            }
            LoadResult r = new ConfigLoader().load("security.md", yaml);
            assertThat(r.errors()).as(example).isEmpty();
            assertThat(r.warnings()).as(example).isEmpty();
            assertThat(r.resources().all(SecurityPolicy.class)).as(example).hasSize(1);
        }
    }

    private static List<String> yamlBlocks(String doc) {
        List<String> out = new ArrayList<>();
        int at = 0;
        while ((at = doc.indexOf("```yaml\n", at)) >= 0) {
            int start = at + "```yaml\n".length();
            int end = doc.indexOf("```", start);
            out.add(doc.substring(start, end));
            at = end + 3;
        }
        return out;
    }

    private static String pem() throws Exception {
        try (InputStream in = SecurityDocsTest.class.getResourceAsStream("/tls/tls.crt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
