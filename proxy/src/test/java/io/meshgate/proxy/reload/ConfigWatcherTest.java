package io.meshgate.proxy.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigWatcherTest {

    @TempDir
    Path dir;

    private final BlockingQueue<Set<Path>> reports = new LinkedBlockingQueue<>();
    private ConfigWatcher watcher;

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private void watch(Path root, boolean notifications) {
        watcher = new ConfigWatcher(root, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(200),
                reports::add, notifications).start();
    }

    private Set<Path> nextReport() throws InterruptedException {
        Set<Path> r = reports.poll(20, TimeUnit.SECONDS);
        assertThat(r).as("a change report").isNotNull();
        return r;
    }

    @ParameterizedTest(name = "notifications={0}")
    @ValueSource(booleans = {true, false})
    void reportsCreatedChangedAndDeletedFilesInADirectory(boolean notifications) throws Exception {
        Path a = Files.writeString(dir.resolve("a.yaml"), "one");
        watch(dir, notifications);

        Path b = Files.writeString(dir.resolve("b.yaml"), "new file");
        assertThat(nextReport()).containsExactly(b);

        Files.writeString(a, "changed, and longer");
        assertThat(nextReport()).containsExactly(a);

        Files.delete(b);
        assertThat(nextReport()).containsExactly(b);
    }

    @Test
    void aBurstOfWritesEndsInAReportOfTheSettledState() throws Exception {
        Path a = Files.writeString(dir.resolve("a.yaml"), "0");
        watch(dir, true);
        for (int i = 1; i <= 20; i++) {
            Files.writeString(a, "x".repeat(i));
        }
        Set<Path> seen = new HashSet<>(nextReport());
        // Under heavy load the burst may be reported in more than one piece, but never anything else.
        Set<Path> more;
        while ((more = reports.poll(1, TimeUnit.SECONDS)) != null) {
            seen.addAll(more);
        }
        assertThat(seen).containsExactly(a);
    }

    @Test
    void watchesASingleFileReplacedTheWayEditorsDo() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "v1");
        Files.writeString(dir.resolve("unrelated.yaml"), "x");
        watch(config, true);

        Path tmp = Files.writeString(dir.resolve(".gateway.yaml.swp"), "v2 is longer");
        Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThat(nextReport()).containsExactly(config.toAbsolutePath().normalize());
    }

    @Test
    void seesFilesInNewSubdirectories() throws Exception {
        watch(dir, true);
        Path sub = Files.createDirectories(dir.resolve("team-a"));
        Path routes = Files.writeString(sub.resolve("routes.yml"), "r");
        Set<Path> seen = new HashSet<>(nextReport());
        assertThat(seen).contains(routes);
    }

    @Test
    void ignoresFilesTheLoaderDoesNotRead() throws Exception {
        watch(dir, true);
        Files.writeString(dir.resolve("notes.txt"), "x");
        Files.writeString(dir.resolve(".hidden.yaml"), "x");
        Files.writeString(dir.resolve("gateway.yaml~"), "x");
        Path real = Files.writeString(dir.resolve("real.json"), "{}");
        assertThat(nextReport()).containsExactly(real);
    }

    @Test
    void listenerFailureDoesNotStopWatching() throws IOException, InterruptedException {
        BlockingQueue<Set<Path>> after = new LinkedBlockingQueue<>();
        boolean[] failed = {false};
        watcher = new ConfigWatcher(dir, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(200),
                changed -> {
                    if (!failed[0]) {
                        failed[0] = true;
                        throw new IllegalStateException("boom");
                    }
                    after.add(changed);
                }, true).start();
        Files.writeString(dir.resolve("a.yaml"), "1");
        Thread.sleep(1500);
        Path b = Files.writeString(dir.resolve("b.yaml"), "2");
        Set<Path> r = after.poll(20, TimeUnit.SECONDS);
        assertThat(r).isNotNull().contains(b);
    }
}
