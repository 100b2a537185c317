package io.meshgate.api.security;

import io.meshgate.api.internal.Checks;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * A Consumer's {@code spec}.
 *
 * @param credentials how the Consumer authenticates, default none
 */
public record ConsumerSpec(Credentials credentials) {

    /** A spec without credentials. */
    public static final ConsumerSpec EMPTY = new ConsumerSpec(null);

    public ConsumerSpec(@Nullable Credentials credentials) {
        this.credentials = credentials == null ? new Credentials(null, null, null) : credentials;
    }

    /**
     * {@code credentials}.
     *
     * @param apiKeys API keys (hashes), default none
     * @param basicAuth a user name and bcrypt password hash, default none
     * @param clientCertificates client certificate subjects or SANs, default none
     */
    public record Credentials(List<ApiKey> apiKeys, @Nullable BasicAuthCredential basicAuth,
                              List<ClientCertificate> clientCertificates) {
        public Credentials(@Nullable List<ApiKey> apiKeys, @Nullable BasicAuthCredential basicAuth,
                           @Nullable List<ClientCertificate> clientCertificates) {
            this.apiKeys = Checks.list(apiKeys, "apiKeys");
            this.basicAuth = basicAuth;
            this.clientCertificates = Checks.list(clientCertificates, "clientCertificates");
        }
    }

    /**
     * An API key, stored as its hash ({@link ApiKeys#hash}).
     *
     * @param id the key's public id, default (and if given, must equal) the first 12 hex digits of the hash
     * @param hash {@code sha256:} and 64 lower-case hex digits, required
     * @param createdAt when the key was made (RFC 3339), optional, informational
     * @param revoked a revoked key is refused like an unknown one, default false
     */
    public record ApiKey(String id, String hash, @Nullable String createdAt, Boolean revoked) {
        public ApiKey(@Nullable String id, @Nullable String hash, @Nullable String createdAt, @Nullable Boolean revoked) {
            this.hash = Checks.requiredText(hash, "hash");
            Checks.check(ApiKeys.isHash(this.hash), "hash", Checks.quote(shorten(this.hash))
                    + " (expected: sha256:<64 lower-case hex digits>; make keys with meshgate key create)");
            this.id = Checks.orDefault(id, ApiKeys.id(this.hash));
            Checks.check(this.id.equals(ApiKeys.id(this.hash)), "id", Checks.quote(this.id)
                    + " (expected: " + ApiKeys.id(this.hash) + ", the start of the hash)");
            if (createdAt != null) {
                try {
                    Instant.parse(createdAt);
                } catch (DateTimeParseException e) {
                    throw Checks.invalid("createdAt", Checks.quote(createdAt) + " (expected: an RFC 3339 time such as "
                            + "2025-01-31T12:00:00Z)");
                }
            }
            this.createdAt = createdAt;
            this.revoked = Checks.orDefault(revoked, false);
        }

        private static String shorten(String s) {
            return s.length() > 20 ? s.substring(0, 20) + "..." : s; // never echo a pasted plain key in full
        }
    }

    /**
     * {@code basicAuth}.
     *
     * @param username the user name, default the Consumer's name; no colon (RFC 7617)
     * @param passwordHash the password's bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}, cost 4..31),
     *     required; make one with {@code meshgate consumer create NAME --password}
     */
    public record BasicAuthCredential(@Nullable String username, String passwordHash) {
        private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

        public BasicAuthCredential(@Nullable String username, @Nullable String passwordHash) {
            this.username = username == null || username.isEmpty() ? null : username;
            Checks.check(this.username == null || this.username.indexOf(':') < 0, "username",
                    Checks.quote(String.valueOf(this.username)) + " (expected: no colon, RFC 7617)");
            this.passwordHash = Checks.requiredText(passwordHash, "passwordHash");
            Checks.check(BCRYPT.matcher(this.passwordHash).matches(), "passwordHash",
                    "not a bcrypt hash (expected: $2y$<cost>$<53 characters>; never a plain password)");
        }
    }

    /**
     * A client certificate the Consumer presents: exactly one of subject and san.
     *
     * @param subject the subject distinguished name (RFC 4514), compared in canonical form
     * @param san a subject alternative name: URI (e.g. a SPIFFE id), DNS name, e-mail address or IP address
     */
    public record ClientCertificate(@Nullable String subject, @Nullable String san) {
        public ClientCertificate {
            Checks.check(subject != null ^ san != null, "subject", (subject == null
                    ? "required unless san is set" : "set together with san") + " (expected: exactly one of subject, san)");
            if (subject != null) {
                try {
                    new X500Principal(subject);
                } catch (IllegalArgumentException e) {
                    throw Checks.invalid("subject", Checks.quote(subject) + " (expected: a distinguished name such as "
                            + "CN=client,O=Example)");
                }
            }
            if (san != null) {
                Checks.requiredText(san, "san");
            }
        }
    }
}
