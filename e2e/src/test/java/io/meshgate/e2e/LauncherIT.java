package io.meshgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./meshgate} launcher's build decision, in a scratch checkout where {@code mvn} and
 * {@code java} are stand-in scripts that record how they were called: it builds when the jar is
 * missing or older than a main source or pom, and otherwise runs the jar straight away with the
 * user's arguments intact, after the default JVM flags; after a build it makes an AppCDS archive once
 * and then runs with it.
 */
class LauncherIT {
    private static final Instant OLD = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant NEW = Instant.parse("2025-01-01T00:00:00Z");
    private static final String DEFAULTS = "-XX:+UseSerialGC -Xms64m -Xmx256m -Dio.netty.jfr.enabled=false";

    @TempDir
    Path repo;
    private Path calls;
    private Path bin;
    private Path javaHome;

    @BeforeEach
    void scratchCheckout() throws IOException {
        Files.copy(MeshgateProcess.repositoryRoot().resolve("meshgate"), repo.resolve("meshgate"),
                StandardCopyOption.COPY_ATTRIBUTES);
        write(repo.resolve("pom.xml"), "<project/>", OLD);
        write(repo.resolve("cli/src/main/java/Main.java"), "class Main {}", OLD);
        write(repo.resolve("e2e/src/test/java/SomeIT.java"), "class SomeIT {}", NEW); // tests never trigger a build
        calls = repo.resolve("calls.log");
        bin = Files.createDirectories(repo.resolve("fake-bin"));
        javaHome = Files.createDirectories(repo.resolve("fake-jdk"));
        // The stand-in Maven "builds" by creating the jar, unless FAIL_BUILD is set.
        script(bin.resolve("mvn"), """
                #!/bin/sh
                echo "mvn $*" >> "%1$s"
                if [ -n "$FAIL_BUILD" ]; then echo "[ERROR] compilation failed"; exit 1; fi
                mkdir -p "%2$s/cli/target" && touch "%2$s/cli/target/meshgate.jar"
                """.formatted(calls, repo));
        script(Files.createDirectories(javaHome.resolve("bin")).resolve("java"), """
                #!/bin/sh
                echo "java $*" >> "%s"
                for a in "$@"; do
                  echo "arg[$a]"
                  case "$a" in -XX:ArchiveClassesAtExit=*) echo cds > "${a#*=}"; echo "meshgate ready in 1 ms" ;; esac
                done
                exit 3
                """.formatted(calls));
    }

    private static void write(Path file, String text, Instant mtime) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int exitCode, String output, List<String> calls) {
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", repo.resolve("meshgate").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().remove("MESHGATE_JAVA_OPTS");
        pb.environment().remove("MESHGATE_JVM_DEFAULTS");
        pb.environment().put("MESHGATE_NO_CDS", "1"); // the archive has tests of its own below
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> recorded = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        Files.deleteIfExists(calls);
        return new Run(p.exitValue(), out, recorded);
    }

    private Path jar() {
        return repo.resolve("cli/target/meshgate.jar");
    }

    @Test
    void firstRunBuildsThenRunsTheJarWithTheArgumentsIntact() throws Exception {
        Run r = launch(Map.of(), "gateway", "--config", "my dir/with spaces");

        assertThat(r.output()).contains("meshgate: building (first run");
        assertThat(r.calls()).hasSize(2);
        assertThat(r.calls().get(0)).startsWith("mvn ").contains("-DskipTests").contains("package")
                .contains(repo.resolve("pom.xml").toString());
        assertThat(r.calls().get(1)).isEqualTo("java " + DEFAULTS + " -jar " + jar() + " gateway --config my dir/with spaces");
        assertThat(r.output()).contains("arg[my dir/with spaces]");
        assertThat(r.exitCode()).as("the program's exit code is the launcher's").isEqualTo(3);
    }

    @Test
    void anUpToDateJarRunsWithoutBuilding() throws Exception {
        write(jar(), "jar", NEW);
        Run r = launch(Map.of(), "--help");
        assertThat(r.calls()).containsExactly("java " + DEFAULTS + " -jar " + jar() + " --help");
        assertThat(r.output()).doesNotContain("building");
    }

    @Test
    void aChangedMainSourceOrPomRebuilds() throws Exception {
        write(jar(), "jar", NEW);
        write(repo.resolve("cli/src/main/java/Main.java"), "class Main { int x; }", NEW.plusSeconds(60));
        Run r = launch(Map.of(), "--help");
        assertThat(r.output()).contains("meshgate: building (sources changed");
        assertThat(r.calls()).hasSize(2);

        Files.setLastModifiedTime(jar(), FileTime.from(NEW.plusSeconds(120)));
        write(repo.resolve("pom.xml"), "<project><!-- new dep --></project>", NEW.plusSeconds(180));
        assertThat(launch(Map.of(), "--help").calls()).hasSize(2).first().asString().startsWith("mvn ");
    }

    @Test
    void aFailedBuildShowsTheLogAndRunsNothing() throws Exception {
        Run r = launch(Map.of("FAIL_BUILD", "1"), "--help");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("FAILED").contains("[ERROR] compilation failed");
        assertThat(r.calls()).hasSize(1).first().asString().startsWith("mvn ");
    }

    @Test
    void extraJvmFlagsComeFromTheEnvironment() throws Exception {
        write(jar(), "jar", NEW);
        Run r = launch(Map.of("MESHGATE_JAVA_OPTS", "-Xmx128m -Dx=y"), "version");
        assertThat(r.calls()).containsExactly("java " + DEFAULTS + " -Xmx128m -Dx=y -jar " + jar() + " version");
    }

    @Test
    void aCollectorChosenByTheUserReplacesTheDefaultOneAndTheDefaultsCanBeReplaced() throws Exception {
        write(jar(), "jar", NEW);
        Run parallel = launch(Map.of("MESHGATE_JAVA_OPTS", "-XX:+UseParallelGC"), "version");
        assertThat(parallel.calls()).containsExactly(
                "java " + DEFAULTS.replace("-XX:+UseSerialGC ", "") + " -XX:+UseParallelGC -jar " + jar() + " version");
        Run bare = launch(Map.of("MESHGATE_JVM_DEFAULTS", ""), "version");
        assertThat(bare.calls()).containsExactly("java -jar " + jar() + " version");
    }

    @Test
    void aBuildIsFollowedByOneClassDataArchiveRunThenEveryRunUsesTheArchive() throws Exception {
        Path cds = repo.resolve("cli/target/meshgate.jsa");
        Run first = launch(Map.of("MESHGATE_NO_CDS", "0"), "version");
        assertThat(first.output()).contains("preparing the class-data archive (once per build) ... done");
        assertThat(first.calls()).hasSize(3);
        assertThat(first.calls().get(1)).startsWith("java " + DEFAULTS + " -XX:ArchiveClassesAtExit=")
                .contains(" -jar " + jar() + " gateway --config ");
        assertThat(cds).exists();
        assertThat(first.calls().get(2)).startsWith("java " + DEFAULTS + " -XX:SharedArchiveFile=" + cds)
                .endsWith(" -jar " + jar() + " version");

        Run second = launch(Map.of("MESHGATE_NO_CDS", "0"), "version");
        assertThat(second.output()).doesNotContain("class-data archive");
        assertThat(second.calls()).singleElement().asString().contains("-XX:SharedArchiveFile=" + cds);

        assertThat(launch(Map.of(), "version").calls()).as("MESHGATE_NO_CDS=1 runs without the archive")
                .singleElement().asString().doesNotContain("SharedArchiveFile");
    }
}
