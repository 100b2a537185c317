package io.meshgate.proxy.filter.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One Lettuce connection to the rate-limit Redis, shared by every global rate limit that names
 * the same URL and by every event loop (Lettuce pipelines commands on one connection). Long-lived:
 * the runtime keeps it across config reloads and closes it at shutdown.
 *
 * <p>Nothing here blocks. The connection is opened asynchronously when the connector is built;
 * decisions made meanwhile wait for it (up to their timeout). Whenever Redis is down,
 * {@link #commands()} fails at once and callers apply their failure mode. A failed connect is
 * retried at most once per second, on demand; once connected,
 * Lettuce reconnects by itself (backoff 10 ms doubling to 1 s) and refuses commands while
 * disconnected instead of queueing them, so a Redis outage costs no memory and no waiting.
 */
public final class RedisConnector implements AutoCloseable {

    private static final long RETRY_NANOS = 1_000_000_000L;
    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisHealth health;
    private final Duration timeout;
    private final LongSupplier nanoClock;
    private final AtomicReference<@Nullable CompletableFuture<StatefulRedisConnection<String, String>>> connection =
            new AtomicReference<>();
    private final AtomicLong nextAttemptNanos = new AtomicLong();
    private volatile boolean closed;

    /** A connector to {@code settings.url()}; reports health to {@code registry}. */
    public RedisConnector(RedisSettings settings, MeterRegistry registry, LongSupplier nanoClock) {
        this.uri = RedisURI.create(settings.url());
        this.timeout = settings.timeout();
        this.nanoClock = nanoClock;
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(1)
                .computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout.compareTo(MIN_CONNECT_TIMEOUT) < 0
                        ? MIN_CONNECT_TIMEOUT : timeout).build())
                .build());
        this.health = new RedisHealth(uri.getHost() + ":" + uri.getPort(), registry, nanoClock);
        maybeConnect(null); // early, so the first requests find Redis ready and a bad URL shows in the log at once
    }

    /** The decision timeout. */
    public Duration timeout() {
        return timeout;
    }

    /** The health tracker (logs and metrics of outages). */
    RedisHealth health() {
        return health;
    }

    /**
     * Async commands on the connection: at once when connected; after the connect when one is in
     * progress (the first use, or a retry); failed when Redis is known to be down (Lettuce is
     * reconnecting, or the last connect failed less than {@link #RETRY_NANOS} ago). Never blocks.
     */
    CompletionStage<RedisAsyncCommands<String, String>> commands() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        if (current == null || current.isCompletedExceptionally()) {
            current = maybeConnect(current);
        }
        if (!current.isDone()) {
            return current.thenApply(StatefulRedisConnection::async);
        }
        if (current.isCompletedExceptionally()) {
            return current.thenApply(StatefulRedisConnection::async);
        }
        StatefulRedisConnection<String, String> c = current.join();
        return c.isOpen() ? CompletableFuture.completedFuture(c.async())
                : CompletableFuture.failedFuture(new RedisConnectionException("disconnected from " + health.target()
                        + ", reconnecting"));
    }

    private CompletableFuture<StatefulRedisConnection<String, String>> maybeConnect(
            @Nullable CompletableFuture<StatefulRedisConnection<String, String>> failed) {
        long now = nanoClock.getAsLong();
        if (failed != null && (closed || now - nextAttemptNanos.get() < 0)) {
            return failed;
        }
        CompletableFuture<StatefulRedisConnection<String, String>> attempt = new CompletableFuture<>();
        if (!connection.compareAndSet(failed, attempt)) {
            CompletableFuture<StatefulRedisConnection<String, String>> other = connection.get();
            return other != null ? other : CompletableFuture.failedFuture(new RedisConnectionException("closed"));
        }
        nextAttemptNanos.set(now + RETRY_NANOS);
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((c, error) -> {
            if (error != null) {
                attempt.completeExceptionally(error);
            } else {
                attempt.complete(c);
            }
        });
        return attempt;
    }

    /** Closes the connection and Lettuce's threads, without waiting. */
    @Override
    public void close() {
        connection.set(CompletableFuture.failedFuture(new RedisConnectionException("closed")));
        closed = true;
        client.shutdownAsync(0, 2, TimeUnit.SECONDS).whenComplete((v, e) -> resources.shutdown(0, 2, TimeUnit.SECONDS));
    }
}
