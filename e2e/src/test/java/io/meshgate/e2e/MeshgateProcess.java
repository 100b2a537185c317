package io.meshgate.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built launcher jar running as a child process, the way a user runs it. Output (stdout and
 * stderr together) goes to a log file, so a chatty process never blocks on a full pipe and a failing
 * test can show what the process said.
 */
final class MeshgateProcess implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Process process;
    private final Path log;
    private final List<String> command;

    private MeshgateProcess(Process process, Path log, List<String> command) {
        this.process = process;
        this.log = log;
        this.command = command;
    }

    /** The shaded launcher jar the build produced (set by failsafe; see e2e/pom.xml). */
    static Path jar() {
        String prop = System.getProperty("meshgate.jar");
        if (prop == null) {
            throw new IllegalStateException("system property meshgate.jar is not set (run through mvn verify)");
        }
        Path jar = Path.of(prop).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist (expected: cli packaged before e2e)");
        }
        return jar;
    }

    /** The repository root (for examples/). */
    static Path repositoryRoot() {
        return Path.of(System.getProperty("meshgate.root", "..")).toAbsolutePath().normalize();
    }

    private static List<String> commandLine(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small heap and quick start: the tests only check behaviour, never speed.
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(args);
        return List.copyOf(cmd);
    }

    /** Starts {@code meshgate ARGS...} in the background, logging to a file in {@code workDir}. */
    static MeshgateProcess start(Path workDir, String... args) {
        List<String> cmd = commandLine(List.of(args));
        try {
            Path log = Files.createTempFile(workDir, "meshgate-", ".log");
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .start();
            return new MeshgateProcess(p, log, cmd);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    /** Runs {@code meshgate ARGS...} to completion (killed after {@code timeout}). */
    static Result run(Path workDir, Duration timeout, String... args) {
        try (MeshgateProcess p = start(workDir, args)) {
            if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("meshgate %s did not finish within %s; output:%n%s", String.join(" ", args), timeout,
                        p.output());
            }
            return new Result(p.process.exitValue(), p.output());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Exit code and output (stdout and stderr interleaved) of a finished command. */
    record Result(int exitCode, String output) {
    }

    /** Waits until something accepts TCP connections on 127.0.0.1:{@code port}; fails if the process exits first. */
    MeshgateProcess awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("meshgate exited with %d before listening on %d; output:%n%s", process.exitValue(), port,
                        output());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(50));
            }
        }
        return fail("meshgate did not listen on %d within %s; output:%n%s", port, timeout, output());
    }

    /** Waits until the output contains {@code text}; fails with the output after {@code timeout}. */
    MeshgateProcess awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return this;
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(Duration.ofMillis(50));
        }
        return fail("meshgate never printed %s within %s; output:%n%s", text, timeout, output());
    }

    /** The gateway's operating-system process id. */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process printed so far. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Sends SIGTERM (what Ctrl-C or a service manager sends), waits, then kills; returns the exit code. */
    int stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }

    private static java.io.File nullFile() {
        return new java.io.File("/dev/null");
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
