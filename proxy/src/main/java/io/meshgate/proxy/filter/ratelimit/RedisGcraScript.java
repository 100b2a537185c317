package io.meshgate.proxy.filter.ratelimit;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The one Lua script behind every global rate-limit decision: GCRA over all the buckets a request
 * touches, atomically, in one round trip. It reads Redis server time ({@code TIME}), so gateway
 * clocks never skew a shared bucket; it checks every bucket first and moves them only when all
 * admit the request (a refusal uses up nothing); each key expires when its bucket would be full,
 * so an absent key and a full bucket are the same thing.
 *
 * <p>Input: {@code KEYS[i]} a bucket, {@code ARGV[2i-1]} its emission interval and {@code ARGV[2i]}
 * its capacity (burst times interval), both in microseconds. Output: {@code [allowed, then per
 * bucket: ok, a, b]} where an admitting bucket gives {@code a = tokens left, b = µs until full} and a
 * refusing one {@code a = µs until a token, b = µs until full}.
 *
 * <p>Sent with EVALSHA; after a Redis restart or {@code SCRIPT FLUSH} the first call gets NOSCRIPT
 * and is retried once with EVAL, which also caches the script again.
 */
final class RedisGcraScript {

    static final String SOURCE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local out = {1}
            local nexts = {}
            for i = 1, #KEYS do
              local interval = tonumber(ARGV[2 * i - 1])
              local capacity = tonumber(ARGV[2 * i])
              local tat = tonumber(redis.call('GET', KEYS[i]) or 0)
              if tat < now then tat = now end
              local nt = tat + interval
              local ahead = nt - now
              if ahead > capacity then
                out[1] = 0
                out[#out + 1] = 0
                out[#out + 1] = ahead - capacity
                out[#out + 1] = tat - now
              else
                nexts[i] = nt
                out[#out + 1] = 1
                out[#out + 1] = math.floor((capacity - ahead) / interval)
                out[#out + 1] = ahead
              end
            end
            if out[1] == 1 then
              for i = 1, #KEYS do
                redis.call('SET', KEYS[i], string.format('%.0f', nexts[i]),
                  'PX', string.format('%.0f', math.ceil((nexts[i] - now) / 1000) + 1))
              end
            end
            return out
            """;

    static final String SHA1 = sha1(SOURCE);

    private RedisGcraScript() {
    }

    /** Runs the script: EVALSHA, and EVAL once if Redis does not know it (yet, or any more). */
    static CompletionStage<List<Long>> run(RedisAsyncCommands<String, String> redis, String[] keys, String[] args) {
        CompletableFuture<List<Long>> result = new CompletableFuture<>();
        redis.<List<Long>>evalsha(SHA1, ScriptOutputType.MULTI, keys, args).whenComplete((out, error) -> {
            if (error == null) {
                result.complete(out);
            } else if (unwrap(error) instanceof RedisNoScriptException) {
                redis.<List<Long>>eval(SOURCE, ScriptOutputType.MULTI, keys, args).whenComplete((again, e2) -> {
                    if (e2 == null) {
                        result.complete(again);
                    } else {
                        result.completeExceptionally(unwrap(e2));
                    }
                });
            } else {
                result.completeExceptionally(unwrap(error));
            }
        });
        return result;
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }
}
