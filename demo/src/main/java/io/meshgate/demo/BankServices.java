package io.meshgate.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample bank: the {@code accounts}, {@code activity} and {@code web} services, each on its own
 * port. {@code meshgate demo} starts them beside a gateway; {@link #main} runs them alone.
 */
public final class BankServices implements AutoCloseable {
    /** The ports the example gateway config ({@code examples/gateway/}) expects the services on. */
    public record Ports(int accounts, int activity, int web) {
        /** The ports in {@code examples/gateway/backends.yaml}. */
        public static final Ports DEFAULT = new Ports(9101, 9102, 9103);

        /** Ports chosen by the operating system, for tests. */
        public static final Ports EPHEMERAL = new Ports(0, 0, 0);
    }

    private final List<DemoServer> servers;

    private BankServices(List<DemoServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /** Starts the three services on {@code host} (a loopback address for the demo). */
    public static BankServices start(InetAddress host, Ports ports) throws IOException {
        BankData data = BankData.sample();
        List<DemoServer> started = new ArrayList<>();
        try {
            started.add(DemoServer.start("accounts", new InetSocketAddress(host, ports.accounts()),
                    new AccountsService(data)));
            started.add(DemoServer.start("activity", new InetSocketAddress(host, ports.activity()),
                    new ActivityService(data)));
            started.add(DemoServer.start("web", new InetSocketAddress(host, ports.web()), new WebService()));
        } catch (IOException | RuntimeException e) {
            started.forEach(DemoServer::close);
            throw e;
        }
        return new BankServices(started);
    }

    /** The running services, in the order accounts, activity, web. */
    public List<DemoServer> servers() {
        return servers;
    }

    /** The running service called {@code name}. */
    public DemoServer server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo service named " + name
                        + " (expected: accounts, activity or web)"));
    }

    @Override
    public void close() {
        servers.forEach(DemoServer::close);
    }

    /**
     * Runs the services alone on 127.0.0.1 until the process is stopped.
     * Arguments: optional ports {@code ACCOUNTS ACTIVITY WEB} (default 9101 9102 9103).
     */
    public static void main(String[] args) throws Exception {
        Ports ports = Ports.DEFAULT;
        if (args.length == 3) {
            ports = new Ports(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } else if (args.length != 0) {
            System.err.println("usage: BankServices [ACCOUNTS_PORT ACTIVITY_PORT WEB_PORT]");
            System.exit(2);
        }
        BankServices bank = start(InetAddress.getLoopbackAddress(), ports);
        Runtime.getRuntime().addShutdownHook(new Thread(bank::close, "demo-shutdown"));
        for (DemoServer s : bank.servers()) {
            System.out.printf("%-9s %s%n", s.name(), s.uri());
        }
        Thread.currentThread().join();
    }
}
