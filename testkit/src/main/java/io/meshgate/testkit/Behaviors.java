package io.meshgate.testkit;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Ready-made {@link FakeUpstream.Behavior}s. */
public final class Behaviors {

    private Behaviors() {
    }

    /**
     * Answers 200 with a JSON description of the request: {@code method}, {@code uri},
     * {@code protocol}, {@code headers} (name to list of values, names lower-case), {@code body}
     * (UTF-8 text), {@code bodyLength}, {@code upstream} (the upstream's name) and {@code trailers}.
     */
    public static FakeUpstream.Behavior echo() {
        return (req, res, upstream) -> {
            HttpHeaders h = new DefaultHttpHeaders();
            h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            res.respond(200, h, echoJson(req, upstream.name()).getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Answers {@code status} with a text body. */
    public static FakeUpstream.Behavior text(int status, String body) {
        return (req, res, upstream) -> {
            HttpHeaders h = new DefaultHttpHeaders();
            h.set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.respond(status, h, body.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Answers {@code status} with an empty body. */
    public static FakeUpstream.Behavior status(int status) {
        return (req, res, upstream) -> res.respond(status, new DefaultHttpHeaders(), new byte[0]);
    }

    /** Runs {@code then} after {@code delay} (scheduled on the connection's loop, never blocking it). */
    public static FakeUpstream.Behavior delay(Duration delay, FakeUpstream.Behavior then) {
        return (req, res, upstream) -> res.eventLoop().schedule(() -> then.handle(req, res, upstream),
                delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Never answers (the request hangs until the client gives up or the connection closes). */
    public static FakeUpstream.Behavior hang() {
        return (req, res, upstream) -> { };
    }

    /** Closes the connection without answering. */
    public static FakeUpstream.Behavior abort() {
        return (req, res, upstream) -> res.abort();
    }

    /** Streams {@code length} bytes of {@code 'x'} as {@code application/octet-stream} with backpressure. */
    public static FakeUpstream.Behavior bytes(long length) {
        return (req, res, upstream) -> {
            HttpHeaders h = new DefaultHttpHeaders();
            h.set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
            h.set(HttpHeaderNames.CONTENT_LENGTH, length);
            res.head(200, h);
            res.stream(length);
        };
    }

    /**
     * Sends {@code chunks} one by one, {@code interval} apart, each flushed on its own, with the
     * given content type (e.g. {@code text/event-stream} for server-sent events), then ends.
     */
    public static FakeUpstream.Behavior chunks(String contentType, List<String> chunks, Duration interval) {
        return (req, res, upstream) -> {
            HttpHeaders h = new DefaultHttpHeaders();
            h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
            res.head(200, h);
            sendChunk(res, chunks, 0, interval);
        };
    }

    /** Server-sent events: {@code count} events {@code data: event-<i>}, {@code interval} apart. */
    public static FakeUpstream.Behavior sse(int count, Duration interval) {
        String[] events = new String[count];
        for (int i = 0; i < count; i++) {
            events[i] = "data: event-" + i + "\n\n";
        }
        return chunks("text/event-stream", List.of(events), interval);
    }

    /** Answers with a streamed body and then the given trailers (HTTP/1.1 chunked trailers or HTTP/2 trailers). */
    public static FakeUpstream.Behavior withTrailers(String body, Map<String, String> trailers) {
        return (req, res, upstream) -> {
            res.head(200, new DefaultHttpHeaders());
            res.chunk(body.getBytes(StandardCharsets.UTF_8));
            HttpHeaders t = new DefaultHttpHeaders();
            trailers.forEach(t::add);
            res.end(t);
        };
    }

    private static void sendChunk(Responder res, List<String> chunks, int i, Duration interval) {
        if (i == chunks.size()) {
            res.end(new DefaultHttpHeaders());
            return;
        }
        res.chunk(chunks.get(i).getBytes(StandardCharsets.UTF_8));
        res.eventLoop().schedule(() -> sendChunk(res, chunks, i + 1, interval), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The JSON {@link #echo()} sends. */
    public static String echoJson(FakeRequest req, String upstreamName) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"method\":").append(Json.quote(req.method()))
                .append(",\"uri\":").append(Json.quote(req.uri()))
                .append(",\"protocol\":").append(Json.quote(req.protocol()))
                .append(",\"upstream\":").append(Json.quote(upstreamName))
                .append(",\"headers\":").append(Json.headers(req.headers()))
                .append(",\"trailers\":").append(Json.headers(req.trailers()))
                .append(",\"bodyLength\":").append(req.bodyLength())
                .append(",\"body\":").append(Json.quote(req.bodyText()))
                .append('}');
        return b.toString();
    }
}
