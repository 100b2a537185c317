package io.meshgate.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of {@code meshgate} subcommands: one line per command, in the order {@code --help}
 * lists them. Each is a picocli {@code @Command} object; no classpath scanning.
 */
final class Commands {

    private Commands() {
    }

    /** New instances of every subcommand. */
    static List<Object> all() {
        List<Object> all = new ArrayList<>();
        all.add(new GatewayCommand());
        all.add(new ValidateCommand());
        all.add(new DemoCommand());
        all.add(new VersionCommand());
        all.add(new io.meshgate.cli.openapi.ImportOpenApiCommand());
        all.add(new io.meshgate.cli.security.ConsumerCommand());
        all.add(new io.meshgate.cli.security.KeyCommand());
        return List.copyOf(all);
    }
}
