package io.meshgate.proxy.filter.auth.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import io.meshgate.proxy.filter.auth.BoundedBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JWKS fetched over HTTP(S) with the JDK's asynchronous client (so no event loop ever waits),
 * cached for {@link Settings#cacheDuration()} and served stale while a refresh runs. Concurrent
 * callers share one fetch. Fetches caused by unknown key ids are at most one per
 * {@link Settings#minRefreshInterval()}; after a failed fetch with nothing cached, callers fail fast
 * for {@link Settings#failureBackoff()} instead of each hitting the issuer again.
 */
public final class RemoteJwks implements JwksSource {

    private static final Logger log = LoggerFactory.getLogger(RemoteJwks.class);

    private final URI uri;
    private final HttpClient client;
    private final Clock clock;
    private final Settings settings;
    private final AtomicReference<@Nullable Cached> cached = new AtomicReference<>();
    private final AtomicReference<@Nullable CompletableFuture<JWKSet>> inFlight = new AtomicReference<>();
    private volatile Instant lastAttempt = Instant.EPOCH;
    private volatile @Nullable Failure lastFailure;

    /**
     * A source fetching {@code uri} with {@code client}.
     *
     * @param clock the time source for cache expiry and refresh limits
     */
    public RemoteJwks(URI uri, HttpClient client, Clock clock, Settings settings) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The JWKS URI. */
    public URI uri() {
        return uri;
    }

    @Override
    public @Nullable JWKSet cached() {
        Cached c = cached.get();
        if (c == null) {
            return null;
        }
        if (clock.instant().isAfter(c.fetchedAt.plus(settings.cacheDuration()))) {
            fetch(); // stale-while-revalidate: keep serving the old keys meanwhile
        }
        return c.keys;
    }

    @Override
    public CompletionStage<JWKSet> keys() {
        JWKSet keys = cached();
        if (keys != null) {
            return CompletableFuture.completedFuture(keys);
        }
        Failure failure = lastFailure;
        if (failure != null && clock.instant().isBefore(failure.at.plus(settings.failureBackoff()))) {
            return CompletableFuture.failedFuture(failure.cause);
        }
        return fetch();
    }

    @Override
    public CompletionStage<JWKSet> refreshForUnknownKey() {
        Cached c = cached.get();
        if (c != null && clock.instant().isBefore(lastAttempt.plus(settings.minRefreshInterval()))) {
            return CompletableFuture.completedFuture(c.keys);
        }
        return c == null ? keys() : fetch();
    }

    private CompletableFuture<JWKSet> fetch() {
        while (true) {
            CompletableFuture<JWKSet> running = inFlight.get();
            if (running != null) {
                return running;
            }
            CompletableFuture<JWKSet> mine = new CompletableFuture<>();
            if (inFlight.compareAndSet(null, mine)) {
                start(mine);
                return mine;
            }
        }
    }

    private void start(CompletableFuture<JWKSet> done) {
        lastAttempt = clock.instant();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.fetchTimeout())
                .header("accept", "application/jwk-set+json, application/json").GET().build();
        client.sendAsync(request, BoundedBody.handler(settings.maxBytes())).whenComplete((response, error) -> {
            JWKSet keys;
            try {
                keys = parse(response, error);
            } catch (IOException | ParseException e) {
                log.warn("JWKS fetch from {} failed: {}", uri, e.getMessage());
                lastFailure = new Failure(clock.instant(), e);
                inFlight.set(null);
                done.completeExceptionally(e);
                return;
            }
            cached.set(new Cached(keys, clock.instant()));
            lastFailure = null;
            // Cleared before completing, so callers woken by the completion can start the next fetch.
            inFlight.set(null);
            done.complete(keys);
        });
    }

    private JWKSet parse(@Nullable HttpResponse<byte[]> response, @Nullable Throwable error)
            throws IOException, ParseException {
        if (error != null) {
            throw new IOException("JWKS " + uri + " unreachable: " + error, error);
        }
        if (response.statusCode() != 200) {
            throw new IOException("JWKS " + uri + " answered " + response.statusCode());
        }
        return PublicKeys.only(JWKSet.parse(new String(response.body(), StandardCharsets.UTF_8)));
    }

    /**
     * How a remote JWKS is fetched and cached.
     *
     * @param cacheDuration how long fetched keys are used before a background refresh (default 5 min)
     * @param minRefreshInterval least time between fetches caused by unknown key ids (default 30 s)
     * @param failureBackoff how long callers fail fast after a failed first fetch (default 1 s)
     * @param fetchTimeout timeout of one fetch (default 5 s)
     * @param maxBytes largest JWKS document accepted (default 512 KiB)
     */
    public record Settings(Duration cacheDuration, Duration minRefreshInterval, Duration failureBackoff,
                           Duration fetchTimeout, int maxBytes) {

        /** The documented defaults. */
        public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(5), 512 * 1024);

        public Settings {
            Objects.requireNonNull(cacheDuration, "cacheDuration");
            Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
            Objects.requireNonNull(failureBackoff, "failureBackoff");
            Objects.requireNonNull(fetchTimeout, "fetchTimeout");
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
            }
        }

        /** These settings with another cache duration. */
        public Settings withCacheDuration(Duration duration) {
            return new Settings(duration, minRefreshInterval, failureBackoff, fetchTimeout, maxBytes);
        }
    }

    private record Cached(JWKSet keys, Instant fetchedAt) {
    }

    private record Failure(Instant at, Exception cause) {
    }
}
