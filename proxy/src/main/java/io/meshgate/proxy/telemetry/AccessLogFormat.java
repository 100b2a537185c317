package io.meshgate.proxy.telemetry;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Turns an {@link ExchangeRecord} into one JSON line. Field names follow the record's components;
 * {@code timestamp} is ISO-8601 UTC with milliseconds, durations are in milliseconds, and facts
 * that do not apply are null. Not thread-safe: one instance per writer thread.
 */
final class AccessLogFormat {

    private final JsonFactory json = new JsonFactory();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

    /** The UTF-8 bytes of {@code r} as a JSON object followed by a newline. */
    byte[] line(ExchangeRecord r) throws IOException {
        buffer.reset();
        try (JsonGenerator g = json.createGenerator(buffer, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("timestamp", DateTimeFormatter.ISO_INSTANT.format(
                    Instant.ofEpochMilli(r.startEpochMillis())));
            g.writeStringField("requestId", r.requestId());
            g.writeStringField("clientAddress", r.clientAddress());
            g.writeStringField("protocol", r.protocol());
            g.writeStringField("method", r.method());
            g.writeStringField("authority", r.authority());
            g.writeStringField("path", r.path());
            g.writeNumberField("status", r.status());
            nullable(g, "responseFlag", r.responseFlag());
            nullable(g, "route", r.routeId());
            nullable(g, "cluster", r.cluster());
            nullable(g, "endpoint", r.endpoint());
            g.writeNumberField("attempts", r.attempts());
            g.writeNumberField("requestBytes", r.requestBytes());
            g.writeNumberField("responseBytes", r.responseBytes());
            g.writeNumberField("durationMs", millis(r.durationNanos()));
            if (r.upstreamNanos() >= 0) {
                g.writeNumberField("upstreamMs", millis(r.upstreamNanos()));
            } else {
                g.writeNullField("upstreamMs");
            }
            nullable(g, "userAgent", r.userAgent());
            g.writeEndObject();
        }
        buffer.write('\n');
        return buffer.toByteArray();
    }

    private static void nullable(JsonGenerator g, String name, @Nullable String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    /** Milliseconds with microsecond precision. */
    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
