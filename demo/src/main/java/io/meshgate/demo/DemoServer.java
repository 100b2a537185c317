package io.meshgate.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One demo service on its own JDK HTTP server: {@code GET /healthz}, a 405 for methods other than
 * GET and HEAD, an {@code x-service} response header naming the service, and a JSON 500 when the
 * handler fails.
 */
public final class DemoServer implements AutoCloseable {
    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;

    private DemoServer(String name, HttpServer server, ExecutorService executor) {
        this.name = name;
        this.server = server;
        this.executor = executor;
    }

    static DemoServer start(String name, InetSocketAddress address, ServiceHandler handler) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(address, 128);
        } catch (BindException e) {
            // Say which service could not start: the JDK's message names neither it nor the port.
            String where = address.getAddress().getHostAddress() + ":" + address.getPort();
            BindException named = new BindException(name + " cannot listen on " + where + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "demo-" + name + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(name, handler, exchange));
        server.start();
        return new DemoServer(name, server, executor);
    }

    /** The service's name, as in the {@code x-service} header. */
    public String name() {
        return name;
    }

    /** The address the service listens on (its port resolved when it was asked to bind port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The service's base URL, e.g. {@code http://127.0.0.1:9101}. */
    public URI uri() {
        InetSocketAddress a = address();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void serve(String name, ServiceHandler handler, HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes(); // drain, so the connection can be reused
            String method = exchange.getRequestMethod();
            Response response;
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                response = Response.error(405, "method " + method + " not allowed (expected: GET or HEAD)");
            } else {
                response = answer(name, handler, Request.of(method, exchange.getRequestURI()));
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("x-service", name);
            boolean head = method.equals("HEAD");
            // For HEAD, -1 means "no body"; the length still goes out in Content-Length per RFC 9110 9.3.2.
            if (head) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(response.body().length));
            }
            exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    private static Response answer(String name, ServiceHandler handler, Request request) {
        if (request.path().equals("/healthz")) {
            return Response.json(200, Map.of("status", "UP", "service", name));
        }
        try {
            return handler.handle(request);
        } catch (RuntimeException e) {
            return Response.error(500, name + " failed: " + e);
        }
    }
}
