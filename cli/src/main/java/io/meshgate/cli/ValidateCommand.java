package io.meshgate.cli;

import io.meshgate.api.ConfigError;
import io.meshgate.proxy.reload.ConfigReloader;
import io.meshgate.proxy.runtime.ConfigCheck;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code meshgate validate PATH}: loads, validates and compiles a config exactly as the gateway
 * would, without serving it. Prints every error (file, resource, field, reason) and exits 1, or
 * prints a summary and exits 0.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a config file or directory without running it: every error is printed with its"
                + " file, resource, field and reason.",
        footer = {"", "Exit codes: 0 valid, 1 invalid (errors printed), 2 usage error, 3 cannot read PATH."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "A YAML/JSON file, or a directory of them.")
    Path path;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(path)) {
            err.println("meshgate validate: " + path + ": no such file or directory");
            return ExitCodes.RUNTIME_FAILURE;
        }
        ConfigReloader.Attempt result = ConfigCheck.check(path);
        if (result instanceof ConfigReloader.Invalid invalid) {
            for (ConfigError e : invalid.errors()) {
                err.println(e);
            }
            err.println(path + ": invalid (" + invalid.errors().size() + " error"
                    + (invalid.errors().size() == 1 ? "" : "s") + ")");
            return ExitCodes.INVALID_CONFIG;
        }
        ConfigReloader.Ready ready = (ConfigReloader.Ready) result;
        for (String w : ready.warnings()) {
            err.println("warning: " + w);
        }
        out.println(path + ": valid (" + ConfigReloader.summary(ready.snapshot()) + ")");
        return ExitCodes.OK;
    }
}
