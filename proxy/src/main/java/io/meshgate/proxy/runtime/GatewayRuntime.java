package io.meshgate.proxy.runtime;

import io.meshgate.proxy.admin.AdminServer;
import io.meshgate.proxy.admin.AdminSources;
import io.meshgate.proxy.reload.ConfigReloader;
import io.meshgate.proxy.reload.ConfigWatcher;
import io.meshgate.proxy.server.ProxyServer;
import io.meshgate.proxy.server.ProxyServerOptions;
import io.meshgate.proxy.snapshot.ListenerPort;
import io.meshgate.proxy.snapshot.ProxySnapshot;
import io.meshgate.proxy.snapshot.SnapshotHolder;
import io.meshgate.proxy.telemetry.JsonAccessLog;
import io.meshgate.proxy.telemetry.ProxyListener;
import io.meshgate.proxy.telemetry.ProxyListeners;
import io.meshgate.proxy.telemetry.ProxyMetrics;
import io.meshgate.proxy.upstream.Cluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running standalone gateway: load → validate → compile → {@link SnapshotHolder} → {@link ProxyServer}
 * + admin listener + {@link ConfigWatcher}. {@link #start} returns once every listener is bound;
 * {@link #close()} stops everything (tests start and stop gateways in-process).
 */
public final class GatewayRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayRuntime.class);

    private final GatewayOptions options;
    private final ControlPlaneParts parts;
    private final ProxyMetrics metrics;
    private final @Nullable JsonAccessLog accessLog;
    private final SnapshotHolder holder;
    private final ProxyServer server;
    private final @Nullable AdminServer admin;
    private final @Nullable ConfigWatcher watcher;
    private final long readyMillis;
    private final ReloadHistory reloads;

    private GatewayRuntime(GatewayOptions options, ControlPlaneParts parts, ProxyMetrics metrics,
                           @Nullable JsonAccessLog accessLog, SnapshotHolder holder, ProxyServer server,
                           @Nullable AdminServer admin, @Nullable ConfigWatcher watcher, long readyMillis,
                           ReloadHistory reloads) {
        this.options = options;
        this.parts = parts;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.holder = holder;
        this.server = server;
        this.admin = admin;
        this.watcher = watcher;
        this.readyMillis = readyMillis;
        this.reloads = reloads;
    }

    /**
     * Starts a gateway.
     *
     * @throws InvalidConfigException when the config has errors (nothing is left running)
     * @throws IllegalStateException when a listener or the admin address cannot be bound, with the reason
     */
    public static GatewayRuntime start(GatewayOptions options) {
        long t0 = System.nanoTime();
        Objects.requireNonNull(options, "options");
        SnapshotHolder[] holderRef = new SnapshotHolder[1];
        ProxyMetrics metrics = new ProxyMetrics(() -> clustersOf(holderRef[0]));
        ControlPlaneParts parts = new ControlPlaneParts(options.config(), options.configDir(), metrics.registry());
        List<AutoCloseable> started = new ArrayList<>();
        started.add(parts);
        try {
            ConfigReloader.Attempt attempt = parts.reloader.prepare();
            if (attempt instanceof ConfigReloader.Invalid invalid) {
                throw new InvalidConfigException(invalid.errors());
            }
            ConfigReloader.Ready ready = (ConfigReloader.Ready) attempt;
            ConfigReloader.logWarnings(ready);
            JsonAccessLog accessLog = accessLog(options.accessLog());
            if (accessLog != null) {
                started.add(accessLog);
                metrics.bind(accessLog);
            }
            SnapshotHolder holder = new SnapshotHolder(ready.snapshot());
            holderRef[0] = holder;
            metrics.bindSnapshotVersion(() -> holder.current().version());
            ProxyListener listener = accessLog == null ? metrics : ProxyListeners.of(metrics, accessLog);
            ProxyServer server;
            try {
                server = new ProxyServer(holder, ProxyServerOptions.defaults()
                        .withEventLoopThreads(options.threads()).withListener(listener)).start();
            } catch (Exception e) { // Netty rethrows a failed bind's checked IOException undeclared
                ready.compiled().clusters().abort();
                if (e instanceof IllegalStateException ise) {
                    throw ise;
                }
                List<String> ports = ready.snapshot().ports().stream().map(p -> p.address() + ":" + p.port()).toList();
                throw new IllegalStateException("cannot listen on " + String.join(", ", ports) + ": "
                        + e.getMessage(), e);
            }
            started.add(server);
            ready.compiled().clusters().commit();
            AdminServer admin = null;
            if (options.admin() != null) {
                admin = AdminServer.start(options.admin(), new AdminSources(() -> true, holder::current, metrics));
                started.add(admin);
            }
            ConfigWatcher watcher = null;
            ReloadHistory reloads = new ReloadHistory();
            if (options.watch()) {
                ConfigReloader reloader = parts.reloader;
                watcher = new ConfigWatcher(options.config(),
                        changed -> reloads.record(reloader.reload(holder, changed))).start();
            }
            long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            return new GatewayRuntime(options, parts, metrics, accessLog, holder, server, admin, watcher,
                    readyMillis, reloads);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    private static Collection<Cluster> clustersOf(@Nullable SnapshotHolder holder) {
        return holder == null ? List.of() : holder.current().clusters().values();
    }

    private static @Nullable JsonAccessLog accessLog(@Nullable String target) {
        if (target == null) {
            return null;
        }
        if (target.equals("-")) {
            return JsonAccessLog.stdout();
        }
        try {
            return JsonAccessLog.file(Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the access log " + target + ": " + e.getMessage(), e);
        }
    }

    /** The snapshot holder (the snapshot in force now, and its swaps). */
    public SnapshotHolder holder() {
        return holder;
    }

    /** The snapshot in force now. */
    public ProxySnapshot snapshot() {
        return holder.current();
    }

    /** The metrics. */
    public ProxyMetrics metrics() {
        return metrics;
    }

    /** The port bound for the listener configured as {@code address:configuredPort} (port 0 in tests). */
    public int port(String address, int configuredPort) {
        return server.localPort(address, configuredPort);
    }

    /** The admin listener's address, or null when it is off. */
    public @Nullable InetSocketAddress adminAddress() {
        return admin == null ? null : admin.address();
    }

    /** The reloads the watcher made so far. */
    public ReloadHistory reloads() {
        return reloads;
    }

    /** Milliseconds from {@link #start} to every listener bound. */
    public long readyMillis() {
        return readyMillis;
    }

    /** What the gateway listens on, for the startup line: {@code http://0.0.0.0:8080, https://0.0.0.0:8443}. */
    public String describeListeners() {
        List<String> out = new ArrayList<>();
        for (ListenerPort p : holder.current().ports()) {
            String host = p.address().contains(":") ? "[" + p.address() + "]" : p.address();
            out.add((p.isTls() ? "https://" : "http://") + host + ":" + server.localPort(p.address(), p.port()));
        }
        return out.isEmpty() ? "no listeners" : String.join(", ", out);
    }

    /** Stops watching, closes the listeners (open connections are closed), the admin listener and the clusters. */
    @Override
    public void close() {
        List<AutoCloseable> parts = new ArrayList<>();
        if (watcher != null) {
            parts.add(watcher);
        }
        if (admin != null) {
            parts.add(admin);
        }
        parts.add(server);
        if (accessLog != null) {
            parts.add(accessLog);
        }
        parts.add(this.parts);
        closeAll(parts);
        log.info("gateway on {} stopped", options.config());
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed", parts.get(i).getClass().getSimpleName(), e);
            }
        }
    }
}
