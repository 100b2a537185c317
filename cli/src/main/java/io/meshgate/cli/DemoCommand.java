package io.meshgate.cli;

import io.meshgate.demo.BankServices;
import io.meshgate.demo.DemoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshgate demo}: the sample bank's services on loopback with a gateway in front (the config
 * in {@code examples/gateway/}), then the curl lines to try. The gateway is the same
 * {@code meshgate gateway} a user runs, started in this process.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the sample bank behind a gateway on 127.0.0.1 and print what to try.",
            "The accounts, activity and web services are plain HTTP servers; the gateway runs the config in "
                + "examples/gateway/. Stop it with Ctrl-C."})
final class DemoCommand implements Callable<Integer> {
    private static final long GATEWAY_START_LIMIT_MS = 60_000;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the gateway's listener (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--accounts-port", paramLabel = "PORT", defaultValue = "9101",
            description = "Port of the accounts service, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int accountsPort;

    @Option(names = "--activity-port", paramLabel = "PORT", defaultValue = "9102",
            description = "Port of the activity service, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int activityPort;

    @Option(names = "--web-port", paramLabel = "PORT", defaultValue = "9103",
            description = "Port of the web (dashboard) service, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int webPort;

    @Option(names = "--admin", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9901",
            description = "Address of the gateway's admin listener (default: ${DEFAULT-VALUE}).")
    String admin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BankServices.Ports ports = new BankServices.Ports(accountsPort, activityPort, webPort);
        BankServices bank;
        try {
            bank = BankServices.start(InetAddress.getLoopbackAddress(), ports);
        } catch (BindException e) {
            err.println("meshgate demo: " + e.getMessage() + " (choose other ports with --accounts-port, "
                    + "--activity-port, --web-port)");
            return ExitCodes.RUNTIME_FAILURE;
        }
        try (bank) {
            // Port 0 asks for any free port: the config names the ports the services actually got.
            BankServices.Ports bound = new BankServices.Ports(bank.server("accounts").address().getPort(),
                    bank.server("activity").address().getPort(), bank.server("web").address().getPort());
            Config config = config(bound);
            AtomicInteger gatewayExit = new AtomicInteger(-1);
            Thread gateway = new Thread(() -> gatewayExit.set(Main.commandLine().execute(
                    "gateway", "--config", config.dir().toString(), "--admin", admin)), "demo-gateway");
            gateway.start();
            if (!awaitListening(gateway)) {
                gateway.join();
                err.println("meshgate demo: the gateway did not start (exit code " + gatewayExit.get() + ")");
                return gatewayExit.get() > 0 ? gatewayExit.get() : ExitCodes.RUNTIME_FAILURE;
            }
            printWelcome(out, bank, config);
            gateway.join();
            return gatewayExit.get();
        }
    }

    /** Where the gateway's config comes from, and whether edits there apply to the running demo. */
    private record Config(Path dir, boolean isCheckout) {
    }

    private Config config(BankServices.Ports ports) throws IOException {
        Optional<Path> checkout = runningJar().flatMap(DemoConfig::checkoutExamples);
        if (checkout.isPresent() && port == DemoConfig.DEFAULT_GATEWAY_PORT
                && ports.equals(BankServices.Ports.DEFAULT)) {
            return new Config(checkout.get(), true);
        }
        Path dir = Files.createTempDirectory("meshgate-demo-");
        dir.toFile().deleteOnExit();
        DemoConfig.writeWithPorts(checkout, dir, port, ports);
        for (String f : DemoConfig.FILES) {
            dir.resolve(f).toFile().deleteOnExit();
        }
        return new Config(dir, false);
    }

    private static Optional<Path> runningJar() {
        try {
            Path p = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Waits until the gateway accepts connections; false when its command ended first. */
    private boolean awaitListening(Thread gateway) throws InterruptedException {
        long deadline = System.currentTimeMillis() + GATEWAY_START_LIMIT_MS;
        while (System.currentTimeMillis() < deadline && gateway.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    private void printWelcome(PrintWriter out, BankServices bank, Config config) {
        String gw = "http://127.0.0.1:" + port;
        out.println();
        out.println("meshgate demo: the sample bank behind a gateway");
        for (DemoServer s : bank.servers()) {
            out.printf("  %-9s %s%n", s.name(), s.uri());
        }
        out.printf("  %-9s %s   config: %s%s%n", "gateway", gw, config.dir(),
                config.isCheckout() ? " (edit it: changes apply live)" : "");
        out.printf("  %-9s http://%s   /ready /metrics /config%n", "admin", admin);
        out.println();
        out.println("Try:");
        out.println("  curl " + gw + "/accounts/alice");
        out.println("  curl '" + gw + "/activity/alice?limit=3'");
        out.println("  curl --http2-prior-knowledge " + gw + "/accounts/bob");
        out.println("  open " + gw + "/ in a browser (the bank's dashboard page)");
        out.println("Ctrl-C stops everything.");
        out.flush();
    }
}
