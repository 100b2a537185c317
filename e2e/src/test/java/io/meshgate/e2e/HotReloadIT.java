package io.meshgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.demo.BankServices;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload as a user sees it: edit a file in the config directory and the running gateway follows;
 * save a broken file and it says what is wrong and keeps serving the last good config.
 */
class HotReloadIT {
    /** Generous: the promise is "within 1 second", but the tests share 2 cores with everything else. */
    private static final Duration APPLY_LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private BankServices bank;
    private MeshgateProcess gateway;
    private Path config;
    private int port;

    @BeforeEach
    void start() throws IOException {
        bank = BankServices.start(InetAddress.getLoopbackAddress(), BankServices.Ports.EPHEMERAL);
        port = FreePorts.pick();
        config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("gateway.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: { name: bank }
                spec:
                  gatewayClassName: meshgate
                  addresses: [ { type: IPAddress, value: 127.0.0.1 } ]
                  listeners: [ { name: http, protocol: HTTP, port: %d } ]
                """.formatted(port));
        save("accounts.yaml", Configs.route("bank", "accounts", "/accounts", bank.server("accounts").address().getPort()));
        gateway = MeshgateProcess.start(dir, "gateway", "--config", config.toString(),
                "--admin", "127.0.0.1:" + FreePorts.pick()).awaitPort(port, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (bank != null) {
            bank.close();
        }
    }

    /** Saves the way editors do: write a temporary file, then rename it over the old one. */
    private void save(String name, String yaml) throws IOException {
        Path tmp = Files.createTempFile(dir, name, ".tmp");
        Files.writeString(tmp, yaml);
        Files.move(tmp, config.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private int status(String path) {
        return Curl.run("http://127.0.0.1:" + port + path).status();
    }

    private boolean eventuallyStatus(String path, int expected) {
        long deadline = System.nanoTime() + APPLY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(path) == expected) {
                return true;
            }
            MeshgateProcess.sleep(Duration.ofMillis(100));
        }
        return false;
    }

    @Test
    void aNewRouteAppliesWithoutARestartAndWithoutFailingRequestsMeanwhile() throws Exception {
        assertThat(status("/accounts/alice")).isEqualTo(200);
        assertThat(status("/activity/alice")).isEqualTo(404);

        // Requests to the untouched route keep flowing while the config changes under them.
        AtomicBoolean running = new AtomicBoolean(true);
        List<Integer> duringReload = new ArrayList<>();
        Thread load = new Thread(() -> {
            for (int i = 0; i < 2_000 && running.get(); i++) {
                int s = status("/accounts/bob");
                synchronized (duringReload) {
                    duringReload.add(s);
                }
            }
        }, "load");
        load.start();
        save("activity.yaml", Configs.route("bank", "activity", "/activity", bank.server("activity").address().getPort()));
        boolean applied = eventuallyStatus("/activity/alice", 200);
        running.set(false);
        load.join(Duration.ofSeconds(60).toMillis());

        assertThat(applied).as("new route served within %s; gateway output:%n%s", APPLY_LIMIT, gateway.output())
                .isTrue();
        synchronized (duringReload) {
            assertThat(duringReload).isNotEmpty().containsOnly(200);
        }
        assertThat(gateway.isAlive()).isTrue();
    }

    @Test
    void aBrokenChangeIsReportedAndTheRunningConfigStays() throws IOException {
        assertThat(status("/accounts/alice")).isEqualTo(200);
        save("accounts.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: { name: accounts }
                spec:
                  parentRefs: [ { name: bank } ]
                  rules:
                    - matches: [ { path: { type: Sideways, value: /accounts } } ]
                      backendRefs: [ { name: nowhere, port: 1 } ]
                """);
        gateway.awaitOutput("Sideways", APPLY_LIMIT);
        assertThat(gateway.output()).contains("accounts.yaml").contains("HTTPRoute default/accounts")
                .contains("spec.rules[0].matches[0].path.type");
        assertThat(status("/accounts/alice")).as("the last good config still runs").isEqualTo(200);

        // Fixing the file brings the gateway back to following the directory.
        save("accounts.yaml", Configs.route("bank", "accounts", "/accounts", bank.server("accounts").address().getPort())
                + "---\n" + Configs.route("bank", "activity", "/activity", bank.server("activity").address().getPort()));
        assertThat(eventuallyStatus("/activity/alice", 200)).as(gateway.output()).isTrue();
    }
}
