package io.meshgate.proxy.filter;

import io.meshgate.api.JsonStrings;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * What a filter phase method decided: go on ({@link Next}), answer the client now
 * ({@link Respond}), or wait for asynchronous work ({@link Await}).
 */
public sealed interface FilterResult permits FilterResult.Next, FilterResult.Respond, FilterResult.Await {

    /** Continue with the next filter (or the upstream call / the client write). */
    static FilterResult next() {
        return Next.INSTANCE;
    }

    /** Answer the client with {@code status}, {@code headers} and {@code body}; the upstream is not called. */
    static Respond respond(int status, HttpHeaders headers, byte[] body) {
        return new Respond(status, headers, body);
    }

    /** Answer with a short JSON error body {@code {"error": reason, "status": status}}. */
    static Respond error(int status, String reason) {
        return json(status, "{\"status\":" + status + ",\"error\":\"" + jsonEscape(reason) + "\"}");
    }

    /** Answer with {@code json} as an {@code application/json} body. */
    static Respond json(int status, String json) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        return new Respond(status, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Wait for {@code stage}; its result is then handled as if the phase method had returned it. */
    static FilterResult await(CompletionStage<FilterResult> stage) {
        return new Await(stage);
    }

    /** Escapes a string for use inside a JSON string literal ({@link JsonStrings#escape}). */
    static String jsonEscape(String s) {
        return JsonStrings.escape(s);
    }

    /** Go on. */
    enum Next implements FilterResult { INSTANCE }

    /**
     * A direct answer. {@code headers} need no Content-Length: the engine sets it from the body.
     *
     * @param status the HTTP status code (expected: 100..599)
     * @param headers response headers (mutable, owned by the result)
     * @param body the response body, possibly empty
     */
    record Respond(int status, HttpHeaders headers, byte[] body) implements FilterResult {
        public Respond {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status: " + status + " (expected: 100..599)");
            }
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * Asynchronous work in progress; completes with the real result. An exceptional completion
     * answers 500 (the filter should map its own failures to a status instead).
     */
    record Await(CompletionStage<FilterResult> stage) implements FilterResult {
        public Await {
            Objects.requireNonNull(stage, "stage");
        }
    }
}
