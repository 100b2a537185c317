package io.meshgate.api.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.meshgate.api.ObjectMeta;
import io.meshgate.api.Resource;
import io.meshgate.api.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes {@code v1 Secret}. meshgate reads {@code kubernetes.io/tls} Secrets (keys {@code tls.crt}
 * and {@code tls.key}, PEM) for listener certificates, and {@code ca.crt} for trusted CAs.
 *
 * @param metadata name and namespace
 * @param type the Secret type, default {@code Opaque}; listener certificates need {@code kubernetes.io/tls}
 * @param data values base64-encoded, default none
 * @param stringData values as plain text (e.g. PEM), default none; a key here wins over the same key in
 *     {@code data}, as in Kubernetes
 * @param immutable accepted and ignored
 */
public record Secret(ObjectMeta metadata, String type, Map<String, String> data, Map<String, String> stringData,
                     @Nullable Boolean immutable) implements Resource {
    /** The kind as written in YAML. */
    public static final String KIND = "Secret";
    /** The type of TLS Secrets. */
    public static final String TYPE_TLS = "kubernetes.io/tls";
    /** The certificate chain key of a TLS Secret. */
    public static final String TLS_CRT = "tls.crt";
    /** The private key key of a TLS Secret. */
    public static final String TLS_KEY = "tls.key";
    /** The CA bundle key. */
    public static final String CA_CRT = "ca.crt";

    public Secret(@Nullable ObjectMeta metadata, @Nullable String type, @Nullable Map<String, String> data,
                  @Nullable Map<String, String> stringData, @Nullable Boolean immutable) {
        this.metadata = Checks.required(metadata, "metadata");
        this.type = Checks.orDefault(type, "Opaque");
        this.data = Checks.map(data);
        this.stringData = Checks.map(stringData);
        this.immutable = immutable;
        this.data.forEach((k, v) -> {
            try {
                decode(v);
            } catch (IllegalArgumentException e) {
                throw Checks.invalid("data[" + k + "]", "not valid base64 (" + e.getMessage() + ")");
            }
        });
        if (TYPE_TLS.equals(this.type)) {
            Checks.check(has(TLS_CRT), "data[" + TLS_CRT + "]", "required for type " + TYPE_TLS);
            Checks.check(has(TLS_KEY), "data[" + TLS_KEY + "]", "required for type " + TYPE_TLS);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Whether {@code key} is in {@code stringData} or {@code data}. */
    public boolean has(String key) {
        return stringData.containsKey(key) || data.containsKey(key);
    }

    /** The value of {@code key} as text (decoded from {@code data} if needed), or null. */
    public @Nullable String value(String key) {
        String s = stringData.get(key);
        if (s != null) {
            return s;
        }
        String b64 = data.get(key);
        return b64 == null ? null : new String(decode(b64), StandardCharsets.UTF_8);
    }

    /** Standard base64; line breaks (as {@code base64} wraps its output) are allowed. */
    private static byte[] decode(String b64) {
        return Base64.getDecoder().decode(b64.replaceAll("\\s", ""));
    }

    /** The PEM certificate chain ({@code tls.crt}), or null. */
    @JsonIgnore
    public @Nullable String tlsCertificatePem() {
        return value(TLS_CRT);
    }

    /** The PEM private key ({@code tls.key}), or null. */
    @JsonIgnore
    public @Nullable String tlsKeyPem() {
        return value(TLS_KEY);
    }

    /** Whether this is a {@code kubernetes.io/tls} Secret. */
    @JsonIgnore
    public boolean isTls() {
        return TYPE_TLS.equals(type);
    }
}
