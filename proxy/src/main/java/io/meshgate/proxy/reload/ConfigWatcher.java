package io.meshgate.proxy.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a config file or directory and reports changes, debounced: editors and tools write a
 * file in several steps (truncate, write, rename), so the watcher waits until the files have been
 * quiet for {@code debounce} before it reports, and reports at most {@code maxDelay} after the
 * first change even if writes go on.
 *
 * <p>The files' size, modification time and identity are the truth; a {@link WatchService} only
 * wakes the watcher early. Where it is not available or misses events (network and some container
 * file systems), the watcher still polls every {@code pollInterval}.
 *
 * <p>Runs on its own daemon thread, never on an event loop; the listener is called on that
 * thread, one change at a time, so reloads are serialized.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    /** The defaults: quiet 150 ms, report within 600 ms of the first change, poll every 500 ms. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(150);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(600);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

    private final Path root;
    private final Duration debounce;
    private final Duration maxDelay;
    private final Duration pollInterval;
    private final Consumer<Set<Path>> listener;
    private final @Nullable WatchService watchService;
    private final Thread thread;
    private volatile boolean closed;
    private ConfigFingerprint last;

    /**
     * Creates a watcher; call {@link #start()} to begin.
     *
     * @param root the config file or directory
     * @param listener told the set of changed files after each settled change
     */
    public ConfigWatcher(Path root, Consumer<Set<Path>> listener) {
        this(root, DEFAULT_DEBOUNCE, DEFAULT_MAX_DELAY, DEFAULT_POLL_INTERVAL, listener);
    }

    /** Creates a watcher with explicit timings. */
    public ConfigWatcher(Path root, Duration debounce, Duration maxDelay, Duration pollInterval,
                         Consumer<Set<Path>> listener) {
        this(root, debounce, maxDelay, pollInterval, listener, true);
    }

    /** With {@code notifications} false the watcher only polls, as where a WatchService is unavailable. */
    ConfigWatcher(Path root, Duration debounce, Duration maxDelay, Duration pollInterval,
                  Consumer<Set<Path>> listener, boolean notifications) {
        this.root = root.toAbsolutePath().normalize();
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.watchService = notifications ? newWatchService() : null;
        this.last = ConfigFingerprint.of(this.root);
        this.thread = new Thread(this::run, "meshgate-config-watcher");
        this.thread.setDaemon(true);
    }

    /** Starts watching. Changes made before this call but after construction are reported too. */
    public ConfigWatcher start() {
        registerAll();
        thread.start();
        return this;
    }

    /** Stops watching and waits (briefly) for a report in progress to end. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                log.debug("closing the watch service failed", e);
            }
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static @Nullable WatchService newWatchService() {
        try {
            return FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            log.info("file change notifications unavailable ({}); polling the config instead", e.toString());
            return null;
        }
    }

    /** Registers the directory (and its subdirectories), or the file's directory. */
    private void registerAll() {
        if (watchService == null) {
            return;
        }
        Path dir = Files.isDirectory(root) ? root : root.getParent();
        if (dir == null) {
            return;
        }
        try (Stream<Path> dirs = Files.isDirectory(root) ? Files.walk(root).filter(Files::isDirectory)
                                                          : Stream.of(dir)) {
            dirs.forEach(this::register);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot walk {} to watch it; polling covers it", dir, e);
        }
    }

    private void register(Path dir) {
        try {
            dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | ClosedWatchServiceException e) {
            log.debug("cannot watch {}; polling covers it", dir, e);
        }
    }

    private void run() {
        while (!closed) {
            try {
                awaitWakeUp();
                ConfigFingerprint now = ConfigFingerprint.of(root);
                if (now.equals(last)) {
                    continue;
                }
                now = settle(now);
                Set<Path> changed = now.changedSince(last);
                last = now;
                if (!changed.isEmpty() && !closed) {
                    report(changed);
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                log.error("config watcher: unexpected failure; watching goes on", e);
            }
        }
    }

    /** Waits for a file event or the poll interval, whichever comes first, and drains the events. */
    private void awaitWakeUp() throws InterruptedException {
        if (watchService == null) {
            Thread.sleep(pollInterval.toMillis());
            return;
        }
        WatchKey key = watchService.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        boolean newDirectory = false;
        while (key != null) {
            for (var event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && key.watchable() instanceof Path dir
                        && event.context() instanceof Path name && Files.isDirectory(dir.resolve(name))) {
                    newDirectory = true;
                }
            }
            key.reset();
            key = watchService.poll();
        }
        if (newDirectory) {
            registerAll();
        }
    }

    /** Waits until the files stop changing for {@code debounce}, at most {@code maxDelay} in all. */
    private ConfigFingerprint settle(ConfigFingerprint first) throws InterruptedException {
        long deadline = System.nanoTime() + maxDelay.toNanos();
        ConfigFingerprint current = first;
        while (System.nanoTime() < deadline) {
            Thread.sleep(debounce.toMillis());
            ConfigFingerprint next = ConfigFingerprint.of(root);
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private void report(Set<Path> changed) {
        try {
            listener.accept(changed);
        } catch (RuntimeException e) {
            log.error("config reload failed unexpectedly; the running config stays", e);
        }
    }
}
