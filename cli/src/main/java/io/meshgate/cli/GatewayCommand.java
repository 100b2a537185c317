package io.meshgate.cli;

import io.meshgate.api.ConfigError;
import io.meshgate.proxy.runtime.GatewayOptions;
import io.meshgate.proxy.runtime.GatewayRuntime;
import io.meshgate.proxy.runtime.InvalidConfigException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code meshgate gateway --config PATH}: runs a standalone gateway until the process is stopped
 * (SIGINT/SIGTERM close it gracefully). The config is watched and hot-reloaded.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run a standalone gateway on a config file or directory; changes to it apply live.",
        footer = {"", "Exit codes: 1 invalid config (errors printed), 2 usage error, 3 runtime failure"
                + " (e.g. a port in use)."})
final class GatewayCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger("meshgate");

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "PATH",
            description = "A YAML/JSON file, or a directory of them (read recursively).")
    Path config;

    @Option(names = "--admin", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9901",
            description = "Admin listener (/ready, /metrics, /config); 'off' for none. Default: ${DEFAULT-VALUE}.")
    String admin = "127.0.0.1:9901";

    @Option(names = "--threads", paramLabel = "N",
            description = "Event loop threads. Default: one per CPU.")
    @Nullable Integer threads;

    @Option(names = "--no-watch", description = "Do not reload the config when its files change.")
    boolean noWatch;

    @Option(names = "--access-log", paramLabel = "FILE",
            description = "Write a JSON access log line per request to FILE ('-' for stdout).")
    @Nullable String accessLog;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        GatewayOptions options = options();
        if (!Files.exists(config)) {
            err.println("meshgate gateway: " + config + ": no such file or directory");
            return ExitCodes.RUNTIME_FAILURE;
        }
        GatewayRuntime runtime;
        try {
            runtime = GatewayRuntime.start(options);
        } catch (InvalidConfigException e) {
            for (ConfigError error : e.errors()) {
                err.println(error);
            }
            err.println(config + ": invalid (" + e.errors().size() + " error" + (e.errors().size() == 1 ? "" : "s")
                    + "); the gateway did not start");
            return ExitCodes.INVALID_CONFIG;
        } catch (RuntimeException e) {
            err.println("meshgate gateway: " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
        InetSocketAddress adminAddress = runtime.adminAddress();
        log.info("meshgate {} ready in {} ms: listening on {}{}", MeshgateVersion.get(), runtime.readyMillis(),
                runtime.describeListeners(), adminAddress == null ? ""
                        : "; admin on http://" + adminAddress.getHostString() + ":" + adminAddress.getPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "meshgate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runtime.close();
        }
        return ExitCodes.OK;
    }

    private GatewayOptions options() {
        GatewayOptions o = GatewayOptions.of(config).withWatch(!noWatch).withAccessLog(accessLog)
                .withAdmin(adminAddress(admin));
        if (threads != null) {
            if (threads < 1) {
                throw new ParameterException(spec.commandLine(), "--threads: " + threads + " (expected: >= 1)");
            }
            o = o.withThreads(threads);
        }
        return o;
    }

    private @Nullable InetSocketAddress adminAddress(String value) {
        if (value.equals("off")) {
            return null;
        }
        int colon = value.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            String host = value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--admin: '" + value
                    + "' (expected: HOST:PORT, e.g. 127.0.0.1:9901, or 'off')");
        }
    }
}
