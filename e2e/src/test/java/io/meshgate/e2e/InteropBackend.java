package io.meshgate.e2e;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.testing.integration.AbstractInteropTest;
import io.grpc.testing.integration.TestServiceImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * grpc-java's interop {@code TestService} on 127.0.0.1 over h2c, set up as
 * {@code TestServiceServer --use_tls=false} sets it up (same service, interceptors and message
 * limit), but bound to loopback only, on an ephemeral port.
 */
final class InteropBackend implements AutoCloseable {
    private final Server server;
    private final ScheduledExecutorService executor;

    private InteropBackend(Server server, ScheduledExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static InteropBackend start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .maxInboundMessageSize(AbstractInteropTest.MAX_MESSAGE_SIZE)
                    .addService(ServerInterceptors.intercept(new TestServiceImpl(executor),
                            TestServiceImpl.interceptors()))
                    .build()
                    .start();
            return new InteropBackend(server, executor);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
        executor.shutdownNow();
    }
}
