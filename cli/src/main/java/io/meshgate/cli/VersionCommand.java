package io.meshgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code meshgate version}: prints the version of this build. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version of meshgate.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(new MeshgateVersion().getVersion()[0]);
        return ExitCodes.OK;
    }
}
