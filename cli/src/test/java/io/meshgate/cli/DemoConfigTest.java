package io.meshgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.demo.BankServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoConfigTest {
    @TempDir
    Path dir;

    @Test
    void rewritesTheBundledExampleToTheGivenPorts() throws IOException {
        DemoConfig.writeWithPorts(Optional.empty(), dir, 18080, new BankServices.Ports(19101, 19102, 19103));

        assertThat(Files.readString(dir.resolve("gateway.yaml"))).contains("port: 18080").doesNotContain("port: 8080");
        String backends = Files.readString(dir.resolve("backends.yaml"));
        assertThat(backends).contains("port: 19101").contains("port: 19102").contains("port: 19103")
                .doesNotContain("port: 910");
        String routes = Files.readString(dir.resolve("routes.yaml"));
        assertThat(routes).contains("port: 19101").contains("port: 19102").contains("port: 19103").doesNotContain("port: 910");
        assertThat(routes.split("---\n")).hasSize(3);
    }

    @Test
    void findsTheCheckoutExamplesFromTheJarLocation() throws IOException {
        Path examples = Files.createDirectories(dir.resolve("examples/gateway"));
        for (String f : DemoConfig.FILES) {
            Files.writeString(examples.resolve(f), "# " + f);
        }
        assertThat(DemoConfig.checkoutExamples(dir.resolve("cli/target/meshgate.jar"))).hasValue(examples);
        assertThat(DemoConfig.checkoutExamples(dir.resolve("elsewhere/meshgate.jar"))).isEmpty();
    }
}
