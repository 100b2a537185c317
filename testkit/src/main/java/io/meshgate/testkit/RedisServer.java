package io.meshgate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A real {@code redis-server} (from the system's package, installed by {@code .ci/run}) on
 * 127.0.0.1 and a free port, without persistence, for tests. {@link #stop()} and {@link #start()}
 * on the same port simulate an outage and a recovery.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *     String url = redis.url(); // redis://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final int port;
    private final Path dir;
    private @Nullable Process process;

    private RedisServer(int port) throws IOException {
        this.port = port;
        this.dir = Files.createTempDirectory("meshgate-redis");
    }

    /** Starts a server on a free port and waits until it answers PING. */
    public static RedisServer start() {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                RedisServer server = new RedisServer(freePort());
                if (server.tryStart()) {
                    return server;
                }
                server.close();
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("could not start redis-server (is the redis-server package installed?)", last);
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** The TCP port. */
    public int port() {
        return port;
    }

    /** Stops the server (data is lost: it keeps none), keeping the port for {@link #restart()}. */
    public void stop() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again on the same port (after {@link #stop()}). */
    public void restart() {
        try {
            if (!tryStart()) {
                throw new IllegalStateException("redis-server did not come back on port " + port);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one inline command (e.g. {@code SCRIPT FLUSH}) and returns the first reply line. */
    public String command(String inline) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    private boolean tryStart() throws IOException {
        Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        process = p;
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!p.isAlive()) {
                process = null;
                return false; // e.g. the port was taken meanwhile
            }
            try {
                if ("+PONG".equals(command("PING"))) {
                    return true;
                }
            } catch (UncheckedIOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop();
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }
}
