package io.meshgate.proxy.filter.auth.basic;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jspecify.annotations.Nullable;

/**
 * Checks passwords against bcrypt hashes off the event loop, remembering verified pairs briefly.
 *
 * <p>bcrypt is slow on purpose (tens of milliseconds at cost 10), so it runs on {@code executor},
 * never on an event loop. The cache keys are HMACs under a per-instance random key, so neither
 * passwords nor fast-to-attack password digests stay in memory. Only successes are cached.
 */
final class PasswordVerifier {

    /**
     * A real user's hash, checked (and then ignored) for unknown users so that the answer takes as
     * long as for known ones and does not reveal which user names exist; null when there are no users.
     */
    private final @Nullable String decoyHash;
    private final Executor executor;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final SecretKeySpec cacheKey;
    private final Map<String, Long> verified = new ConcurrentHashMap<>();

    PasswordVerifier(Executor executor, @Nullable String decoyHash, Duration ttl, int maxEntries, LongSupplier nanoTime,
                     SecureRandom random) {
        this.decoyHash = decoyHash;
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.cacheKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** True when the pair was verified within the TTL; otherwise null (not false: it may still be right). */
    @Nullable Boolean cached(String user, String password, @Nullable String hash) {
        if (hash == null || ttlNanos == 0) {
            return null;
        }
        Long expiry = verified.get(cacheKey(user, password, hash));
        return expiry != null && expiry - nanoTime.getAsLong() > 0 ? Boolean.TRUE : null;
    }

    /**
     * Checks {@code password} against {@code hash} (or, for an unknown user, the decoy) on the executor.
     * Fails with {@link java.util.concurrent.RejectedExecutionException} when the executor is saturated.
     */
    CompletableFuture<Boolean> verify(String user, String password, @Nullable String hash) {
        String checked = hash != null ? hash : decoyHash;
        if (checked == null) {
            return CompletableFuture.completedFuture(false);
        }
        try {
            return CompletableFuture.supplyAsync(() -> check(user, password, hash, checked), executor);
        } catch (RejectedExecutionException saturated) {
            return CompletableFuture.failedFuture(saturated);
        }
    }

    private boolean check(String user, String password, @Nullable String hash, String checked) {
        boolean ok;
        try {
            ok = OpenBSDBCrypt.checkPassword(checked, password.toCharArray()) && hash != null;
        } catch (IllegalArgumentException | DataLengthException malformedHash) {
            ok = false;
        }
        if (ok && ttlNanos > 0) {
            if (verified.size() >= maxEntries) {
                verified.clear(); // crude but bounded; entries are cheap to re-verify
            }
            verified.put(cacheKey(user, password, hash), nanoTime.getAsLong() + ttlNanos);
        }
        return ok;
    }

    private String cacheKey(String user, String password, String hash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cacheKey);
            for (String part : new String[] {user, password, hash}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update((byte) (bytes.length >>> 24));
                mac.update((byte) (bytes.length >>> 16));
                mac.update((byte) (bytes.length >>> 8));
                mac.update((byte) bytes.length);
                mac.update(bytes);
            }
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
