package io.meshgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    record Run(int code, String out, String err) { }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: meshgate", "version", "Exit codes: 0 ok, 1 invalid config, 2 usage error,"
                + " 3 runtime failure");
        for (Object command : Commands.all()) {
            String name = command.getClass().getAnnotation(CommandLine.Command.class).name();
            assertThat(r.out()).contains(name);
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (Object command : Commands.all()) {
            String name = command.getClass().getAnnotation(CommandLine.Command.class).name();
            Run r = run(name, "--help");
            assertThat(r.code()).as(name + " --help").isZero();
            assertThat(r.out()).as(name + " --help").contains("Usage: meshgate " + name);
        }
    }

    @Test
    void noCommandPrintsUsage() {
        Run r = run();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: meshgate");
    }

    @Test
    void usageErrorsExitWithTwo() {
        Run unknown = run("no-such-command");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("Unmatched argument", "no-such-command");
        assertThat(run("version", "--no-such-option").code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void versionPrintsTheBuildVersion() {
        Run r = run("version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("meshgate ").doesNotContain("unknown").doesNotContain("${");
        assertThat(run("--version").out()).isEqualTo(r.out());
    }
}
