package io.meshgate.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code meshgate} launcher. */
public final class Main {

    private Main() {
    }

    /** Runs the command line and exits with its exit code ({@link ExitCodes}). */
    public static void main(String[] args) {
        int code = run(args);
        // The gateway command returns only when it stops; other commands exit with their code.
        System.exit(code);
    }

    /** Runs the command line and returns its exit code, without exiting (for tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line with its output captured (for tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The {@code meshgate} command line with every registered subcommand ({@link Commands}). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MeshgateCommand());
        for (Object command : Commands.all()) {
            cl.addSubcommand(command);
        }
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("meshgate: " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        });
        return cl;
    }
}
