package io.meshgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The complete example of docs/configuration.md loads without errors or warnings. */
class DocsExampleTest {

    @Test
    void completeExampleLoads() throws Exception {
        String doc = Files.readString(Path.of("../docs/configuration.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```", start));
        // The page elides the PEM; put a real certificate in its place.
        yaml = yaml.substring(0, yaml.indexOf("apiVersion: v1\nkind: Secret")) + """
                apiVersion: v1
                kind: Secret
                metadata: {name: example-com}
                type: kubernetes.io/tls
                stringData:
                  tls.crt: |
                %s
                  tls.key: |
                %s
                """.formatted(pem("tls.crt").indent(4).stripTrailing(), pem("tls.key").indent(4).stripTrailing());
        LoadResult r = new ConfigLoader().load("configuration.md", yaml);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.resources().size()).isEqualTo(6);
    }

    private static String pem(String name) throws Exception {
        try (InputStream in = DocsExampleTest.class.getResourceAsStream("/tls/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
