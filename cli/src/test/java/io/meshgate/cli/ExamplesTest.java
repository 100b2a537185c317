package io.meshgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import io.meshgate.api.Validator;
import io.meshgate.demo.BankServices;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example config the README and the demo point users to loads and validates cleanly, also with other ports. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "gateway");

    @TempDir
    Path dir;

    private static void assertValid(Path config) {
        LoadResult loaded = new ConfigLoader().load(config);
        assertThat(loaded.errors()).as("load errors").isEmpty();
        assertThat(loaded.resources().gateways()).hasSize(1);
        assertThat(loaded.resources().httpRoutes()).hasSize(3);
        assertThat(loaded.resources().backends()).hasSize(3);
        Validator.Result validated = new Validator(loaded.resources()).validate();
        assertThat(validated.errors()).as("validation errors").isEmpty();
        assertThat(validated.warnings()).as("validation warnings").isEmpty();
    }

    @Test
    void theExampleGatewayConfigIsValid() {
        assertValid(EXAMPLES);
    }

    @Test
    void theDemosRewrittenCopyIsValid() {
        assertValid(DemoConfig.writeWithPorts(Optional.of(EXAMPLES), dir, 18080,
                new BankServices.Ports(19101, 19102, 19103)));
    }
}
