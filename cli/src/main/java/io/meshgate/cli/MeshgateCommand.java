package io.meshgate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code meshgate <command>}; alone, it prints the usage. */
@Command(name = "meshgate", mixinStandardHelpOptions = true, versionProvider = MeshgateVersion.class,
        description = "API gateway and service mesh on one Netty data plane.",
        footer = {"", "Run 'meshgate <command> --help' for the options of a command.",
                "Exit codes: 0 ok, 1 invalid config, 2 usage error, 3 runtime failure."})
final class MeshgateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
