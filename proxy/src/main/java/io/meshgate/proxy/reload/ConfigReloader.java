package io.meshgate.proxy.reload;

import io.meshgate.api.ConfigError;
import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import io.meshgate.proxy.snapshot.ListenerPort;
import io.meshgate.proxy.snapshot.ProxySnapshot;
import io.meshgate.proxy.snapshot.SnapshotCompiler;
import io.meshgate.proxy.snapshot.SnapshotHolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the config at a path: load and validate it, compile it, and (when it is valid) swap the
 * snapshot in and commit its clusters. A config with errors changes nothing: every error is logged
 * with its file, resource, field and reason, and the running snapshot stays.
 *
 * <p>Requests in flight keep the route they matched; connections keep running and pick up the new
 * routes for their next request (the engine reads the snapshot once per request).
 */
public final class ConfigReloader {

    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

    /** How loading and compiling the config ended. */
    public sealed interface Attempt permits Ready, Invalid {
    }

    /**
     * A valid config, compiled: after {@link #prepare()} not yet in force, after {@link #reload} in force.
     *
     * @param compiled the snapshot and its cluster update
     * @param loadMillis time to read, parse and validate the files
     * @param compileMillis time to compile the snapshot
     * @param warnings what the user should know about the config (loading and compiling), not yet logged
     */
    public record Ready(SnapshotCompiler.Result.Compiled compiled, long loadMillis, long compileMillis,
                        List<String> warnings) implements Attempt {
        public Ready {
            warnings = List.copyOf(warnings);
        }

        /** The snapshot. */
        public ProxySnapshot snapshot() {
            return compiled.snapshot();
        }
    }

    /**
     * A config that cannot run.
     *
     * @param errors every problem, each naming the file, the resource, the field and the reason
     */
    public record Invalid(List<ConfigError> errors) implements Attempt {
    }

    private final Path path;
    private final ConfigLoader loader;
    private final SnapshotCompiler compiler;
    private long version;

    /** A reloader for the config at {@code path}. */
    public ConfigReloader(Path path, ConfigLoader loader, SnapshotCompiler compiler) {
        this.path = Objects.requireNonNull(path, "path");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.compiler = Objects.requireNonNull(compiler, "compiler");
    }

    /** Loads and compiles the config without applying it (the caller commits or aborts the clusters). */
    public synchronized Attempt prepare() {
        long t0 = System.nanoTime();
        LoadResult loaded = loader.load(path);
        long t1 = System.nanoTime();
        if (!loaded.isValid()) {
            return new Invalid(loaded.errors());
        }
        SnapshotCompiler.Result result = compiler.compile(loaded.resources(), version + 1);
        long t2 = System.nanoTime();
        if (result instanceof SnapshotCompiler.Result.Rejected r) {
            return new Invalid(r.errors());
        }
        SnapshotCompiler.Result.Compiled c = (SnapshotCompiler.Result.Compiled) result;
        version++;
        List<String> warnings = new java.util.ArrayList<>(loaded.warnings());
        warnings.addAll(c.warnings());
        return new Ready(c, TimeUnit.NANOSECONDS.toMillis(t1 - t0), TimeUnit.NANOSECONDS.toMillis(t2 - t1),
                warnings);
    }

    /**
     * Loads, compiles and, when valid, swaps the new snapshot into {@code holder} and commits its
     * clusters; logs the outcome.
     *
     * @param changed the files that changed, for the log line
     */
    public synchronized Attempt reload(SnapshotHolder holder, Set<Path> changed) {
        Attempt attempt = prepare();
        if (attempt instanceof Invalid invalid) {
            logRejected(invalid, holder.current().version());
            return invalid;
        }
        Ready p = (Ready) attempt;
        logWarnings(p);
        ProxySnapshot snapshot = p.compiled().snapshot();
        holder.swap(snapshot);
        // Only now do retired clusters close: requests still on them were routed by the old snapshot.
        p.compiled().clusters().commit();
        log.info("config reloaded ({} changed): version {}, {} in {} ms (load {} ms, compile {} ms)",
                describe(changed), snapshot.version(), summary(snapshot), p.loadMillis() + p.compileMillis(),
                p.loadMillis(), p.compileMillis());
        return p;
    }

    /** Logs the warnings of a config about to run. */
    public static void logWarnings(Ready ready) {
        for (String w : ready.warnings()) {
            log.warn("config: {}", w);
        }
    }

    /** Logs every error of a rejected config, each on its own line. */
    public static void logRejected(Invalid rejected, long runningVersion) {
        log.error("config change rejected with {} error(s); version {} keeps running:", rejected.errors().size(),
                runningVersion);
        for (ConfigError e : rejected.errors()) {
            log.error("  {}", e);
        }
    }

    /** {@code 2 ports, 12 routes, 3 clusters}. */
    public static String summary(ProxySnapshot s) {
        int routes = 0;
        for (ListenerPort p : s.ports()) {
            routes += p.routes().size();
        }
        return s.ports().size() + " port(s), " + routes + " route match(es), " + s.clusters().size() + " cluster(s)";
    }

    private static String describe(Set<Path> changed) {
        if (changed.isEmpty()) {
            return "nothing";
        }
        if (changed.size() == 1) {
            Path f = changed.iterator().next().getFileName();
            return String.valueOf(f);
        }
        return changed.size() + " files";
    }
}
