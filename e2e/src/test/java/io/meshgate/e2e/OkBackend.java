package io.meshgate.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An HTTP/1.1 backend that reads any request and answers 200 with a short text: the upstream for protocol suites. */
final class OkBackend implements AutoCloseable {
    /**
     * At least 5 bytes: h2spec's http2/6.9.2/2 (a negative flow-control window) needs that much
     * response body to run, and is skipped (not passed) below it.
     */
    private static final byte[] OK = "ok from the backend\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService executor;

    private OkBackend(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static OkBackend start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "ok-backend");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                try (exchange; InputStream in = exchange.getRequestBody()) {
                    in.transferTo(OutputStream.nullOutputStream());
                    exchange.getResponseHeaders().set("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, OK.length);
                    exchange.getResponseBody().write(OK);
                }
            });
            server.start();
            return new OkBackend(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
