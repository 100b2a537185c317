package io.meshgate.proxy.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.meshgate.proxy.snapshot.ProxySnapshot;
import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.EndpointStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON documents of the admin listener. */
final class AdminJson {

    private static final JsonFactory JSON = new JsonFactory();

    private AdminJson() {
    }

    /** {@code {"version": N, "resources": <the snapshot's config JSON>}}. */
    static String config(@Nullable ProxySnapshot s) {
        return write(g -> {
            g.writeStartObject();
            if (s == null) {
                g.writeNullField("version");
                g.writeNullField("resources");
            } else {
                g.writeNumberField("version", s.version());
                g.writeFieldName("resources");
                if (s.configJson().isBlank()) {
                    g.writeNull();
                } else {
                    g.writeRawValue(s.configJson());
                }
            }
            g.writeEndObject();
        });
    }

    /** Every cluster of the snapshot, by name, with each endpoint's state. */
    static String clusters(@Nullable ProxySnapshot s) {
        List<Cluster> clusters = s == null ? List.of() : new ArrayList<>(s.clusters().values());
        clusters.sort(Comparator.comparing(Cluster::name));
        return write(g -> {
            g.writeStartObject();
            if (s == null) {
                g.writeNullField("version");
            } else {
                g.writeNumberField("version", s.version());
            }
            g.writeArrayFieldStart("clusters");
            for (Cluster c : clusters) {
                g.writeStartObject();
                g.writeStringField("name", c.name());
                g.writeStringField("protocol", c.settings().protocol().name());
                g.writeBooleanField("tls", c.settings().tls());
                g.writeArrayFieldStart("endpoints");
                for (EndpointStatus e : c.endpointStatuses()) {
                    g.writeStartObject();
                    g.writeStringField("address", e.endpoint().authority());
                    g.writeNumberField("weight", e.endpoint().weight());
                    g.writeBooleanField("healthy", e.healthy());
                    g.writeBooleanField("ejected", e.ejected());
                    g.writeNumberField("activeRequests", e.activeRequests());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code {"error": message}}. */
    static String error(String message) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    private static String write(Body body) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.append('\n').toString();
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }
}
