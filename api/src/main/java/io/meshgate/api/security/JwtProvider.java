package io.meshgate.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgate.api.internal.Checks;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One {@code jwt.providers} entry (Envoy Gateway field names).
 *
 * @param name unique name, required (authorization rules refer to it)
 * @param issuer required {@code iss} claim; absent: not checked
 * @param audiences accepted {@code aud} values, at most 8; absent: not checked
 * @param remoteJWKS where to fetch the keys; exactly one of remoteJWKS and localJWKS
 * @param localJWKS the keys, inline
 * @param claimToHeaders claims copied into request headers (client values of those headers are removed)
 * @param extractFrom where the token is; default {@code Authorization: Bearer} and the {@code access_token}
 *     query parameter
 * @param clockSkew tolerance for {@code exp} and {@code nbf}, default 60s (meshgate; Envoy's default)
 */
public record JwtProvider(String name, @Nullable String issuer, List<String> audiences,
                          @Nullable RemoteJwks remoteJWKS, @Nullable LocalJwks localJWKS,
                          List<ClaimToHeader> claimToHeaders, @Nullable JwtExtractor extractFrom,
                          Duration clockSkew) {

    public JwtProvider(@Nullable String name, @Nullable String issuer, @Nullable List<String> audiences,
                       @Nullable RemoteJwks remoteJWKS, @Nullable LocalJwks localJWKS,
                       @Nullable List<ClaimToHeader> claimToHeaders, @Nullable JwtExtractor extractFrom,
                       @Nullable Duration clockSkew) {
        this.name = Checks.requiredText(name, "name");
        this.issuer = issuer == null || issuer.isEmpty() ? null : issuer;
        this.audiences = Checks.list(audiences, "audiences");
        Checks.check(this.audiences.size() <= 8, "audiences", this.audiences.size() + " entries (expected: 0..8)");
        Checks.check(remoteJWKS != null || localJWKS != null, "remoteJWKS",
                "required unless localJWKS is set (expected: exactly one of remoteJWKS, localJWKS)");
        Checks.check(remoteJWKS == null || localJWKS == null, "localJWKS",
                "set together with remoteJWKS (expected: exactly one of remoteJWKS, localJWKS)");
        this.remoteJWKS = remoteJWKS;
        this.localJWKS = localJWKS;
        this.claimToHeaders = Checks.list(claimToHeaders, "claimToHeaders");
        this.extractFrom = extractFrom;
        this.clockSkew = Checks.orDefault(clockSkew, Duration.ofSeconds(60));
        Checks.check(this.clockSkew.compareTo(Duration.ofMinutes(10)) <= 0, "clockSkew",
                this.clockSkew.toSeconds() + "s (expected: at most 10m)");
    }

    /**
     * {@code remoteJWKS}.
     *
     * @param uri an http or https URL of the JWK Set, required
     * @param cacheDuration how long fetched keys are used before they are refreshed in the background,
     *     default 5m (meshgate; keys are also refetched, at most every 30s, when a token names an unknown key)
     */
    public record RemoteJwks(String uri, Duration cacheDuration) {
        public RemoteJwks(@Nullable String uri, @Nullable Duration cacheDuration) {
            this.uri = Checks.requiredText(uri, "uri");
            URI parsed;
            try {
                parsed = new URI(this.uri);
            } catch (URISyntaxException e) {
                throw Checks.invalid("uri", Checks.quote(this.uri) + " (expected: an http or https URL)");
            }
            Checks.check(("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))
                    && parsed.getHost() != null, "uri", Checks.quote(this.uri) + " (expected: an http or https URL)");
            this.cacheDuration = Checks.orDefault(cacheDuration, Duration.ofMinutes(5));
            Checks.check(!this.cacheDuration.isZero(), "cacheDuration", "0s (expected: > 0)");
        }
    }

    /**
     * {@code localJWKS}.
     *
     * @param type {@code Inline}, the default (Envoy Gateway's {@code ValueRef} to a ConfigMap is not supported)
     * @param inline the JWK Set as JSON, required
     */
    public record LocalJwks(String type, String inline) {
        public LocalJwks(@Nullable String type, @Nullable String inline) {
            this.type = Checks.orDefault(type, "Inline");
            Checks.check(this.type.equals("Inline"), "type", Checks.quote(this.type)
                    + " (expected: Inline; ValueRef is not supported)");
            this.inline = Checks.requiredText(inline, "inline");
            JsonNode keys;
            try {
                keys = new ObjectMapper().readTree(this.inline).get("keys");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw Checks.invalid("inline", "not JSON: " + e.getOriginalMessage() + " (expected: a JWK Set, RFC 7517 §5)");
            }
            Checks.check(keys != null && keys.isArray() && !keys.isEmpty(), "inline",
                    "no \"keys\" array (expected: a JWK Set, RFC 7517 §5, with at least one key)");
        }
    }

    /**
     * A {@code claimToHeaders} entry.
     *
     * @param header request header name, required
     * @param claim claim name, dotted for nested claims ({@code org.team}), required
     */
    public record ClaimToHeader(String header, String claim) {
        public ClaimToHeader(@Nullable String header, @Nullable String claim) {
            this.header = Checks.headerName(Checks.requiredText(header, "header"), "header");
            this.claim = Checks.requiredText(claim, "claim");
        }
    }

    /**
     * {@code extractFrom}.
     *
     * @param headers headers, with the prefix to strip (e.g. {@code "Bearer "})
     * @param params query parameters
     * @param cookies cookies
     */
    public record JwtExtractor(List<HeaderExtractor> headers, List<String> params, List<String> cookies) {
        public JwtExtractor(@Nullable List<HeaderExtractor> headers, @Nullable List<String> params,
                            @Nullable List<String> cookies) {
            this.headers = Checks.list(headers, "headers");
            this.params = Checks.list(params, "params");
            this.cookies = Checks.list(cookies, "cookies");
            Checks.check(!this.headers.isEmpty() || !this.params.isEmpty() || !this.cookies.isEmpty(), "headers",
                    "required unless params or cookies is set (expected: at least one token location)");
        }
    }

    /**
     * A header the token is taken from.
     *
     * @param name header name, required
     * @param valuePrefix prefix stripped from the value, e.g. {@code "Bearer "}; default none
     */
    public record HeaderExtractor(String name, String valuePrefix) {
        public HeaderExtractor(@Nullable String name, @Nullable String valuePrefix) {
            this.name = Checks.headerName(Checks.requiredText(name, "name"), "name");
            this.valuePrefix = Checks.orDefault(valuePrefix, "");
        }
    }
}
