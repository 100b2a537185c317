package io.meshgate.api.policy;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The protocol meshgate speaks to a Backend's endpoints ({@code spec.appProtocol}). */
public enum AppProtocol {
    /** HTTP/1.1 in cleartext ({@code http}, the default). */
    HTTP("http"),
    /** HTTP/2 in cleartext with prior knowledge ({@code h2c} or {@code kubernetes.io/h2c}). */
    H2C("h2c"),
    /** HTTP/1.1 over TLS ({@code https}). */
    HTTPS("https"),
    /** HTTP/2 over TLS, negotiated with ALPN ({@code h2}). */
    H2("h2");

    /** What error messages list as accepted values. */
    public static final String EXPECTED = "http, h2c, kubernetes.io/h2c, https, h2";

    private final String yaml;

    AppProtocol(String yaml) {
        this.yaml = yaml;
    }

    /** The value as written in YAML. */
    public String yaml() {
        return yaml;
    }

    /** Whether connections to the endpoints use TLS. */
    public boolean isTls() {
        return this == HTTPS || this == H2;
    }

    /** The protocol for a YAML value, or null when unknown. */
    public static @Nullable AppProtocol of(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("kubernetes.io/h2c")) {
            return H2C;
        }
        for (AppProtocol p : values()) {
            if (p.yaml.equals(v)) {
                return p;
            }
        }
        return null;
    }
}
