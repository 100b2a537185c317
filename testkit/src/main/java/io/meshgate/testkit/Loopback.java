package io.meshgate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback addresses and ports for tests: everything binds 127.0.0.1, never a fixed port. */
public final class Loopback {

    /** The IPv4 loopback address as a string. */
    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /**
     * A TCP port that was free on 127.0.0.1 a moment ago. Prefer binding port 0 directly; use this
     * only where a port must be written into config before the server starts.
     */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:port}. */
    public static InetSocketAddress address(int port) {
        return new InetSocketAddress(HOST, port);
    }
}
