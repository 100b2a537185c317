package io.meshgate.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * How API keys are made and stored. A key is 256 random bits, so one unsalted SHA-256 is enough to
 * keep it safe at rest (a slow password hash protects low-entropy secrets; this one has none to
 * protect) and fast enough to check on every request.
 */
public final class ApiKeys {

    /** The prefix of every generated key, so secret scanners and humans recognise one. */
    public static final String KEY_PREFIX = "mgk_";

    /** The prefix of a stored key hash. */
    public static final String HASH_PREFIX = "sha256:";

    private static final int KEY_BYTES = 32;
    private static final int ID_HEX_CHARS = 12;

    private ApiKeys() {
    }

    /** A new random key, {@code mgk_} plus 43 base64url characters. */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of {@code key}: {@code sha256:} plus 64 lower-case hex digits. */
    public static String hash(String key) {
        Objects.requireNonNull(key, "key");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HASH_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Whether {@code hash} has the stored form {@link #hash} produces. */
    public static boolean isHash(String hash) {
        if (!hash.startsWith(HASH_PREFIX) || hash.length() != HASH_PREFIX.length() + 64) {
            return false;
        }
        for (int i = HASH_PREFIX.length(); i < hash.length(); i++) {
            char c = hash.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** A short public id for a key, derived from its hash: the first 12 hex digits. */
    public static String id(String hash) {
        if (!isHash(hash)) {
            throw new IllegalArgumentException("hash: " + hash + " (expected: sha256:<64 hex digits>)");
        }
        return hash.substring(HASH_PREFIX.length(), HASH_PREFIX.length() + ID_HEX_CHARS);
    }
}
