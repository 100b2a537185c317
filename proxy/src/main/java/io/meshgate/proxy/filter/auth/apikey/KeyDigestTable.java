package io.meshgate.proxy.filter.auth.apikey;

import io.meshgate.api.security.ApiKeys;
import io.meshgate.proxy.filter.auth.AuthenticatedIdentity;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The admitted keys of an {@link ApiKeyAuthConfig} as raw SHA-256 digests in an open-addressing
 * table, so checking a presented key costs one digest and one slot probe, with no allocation: the
 * digest state and buffers are per thread, and each consumer's identity is built once.
 *
 * <p>The slot comes from the digest's first bytes and candidates are compared with
 * {@link MessageDigest#isEqual} (time independent of where they differ). Timing can reveal at most
 * a few bits of the digest of the attacker's own guess, which does not help recover any key
 * (preimage resistance).
 */
final class KeyDigestTable {

    private static final int DIGEST_BYTES = 32;
    /** Keys longer than this are hashed from a fresh array (never the case for generated keys). */
    private static final int SCRATCH_BYTES = 256;

    /**
     * Per-thread hashing state. Thread-confined scratch, not shared state: each event loop reuses its
     * own, whatever filter instance (and snapshot) asks.
     */
    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    private final byte[][] digests;
    private final AuthenticatedIdentity[] identities;
    private final int mask;

    /** A table of {@code consumersByKeyHash} ({@link ApiKeys#hash} form to consumer name). */
    KeyDigestTable(Map<String, String> consumersByKeyHash) {
        int slots = Integer.highestOneBit(Math.max(2, consumersByKeyHash.size() * 2 - 1)) << 1;
        digests = new byte[slots][];
        identities = new AuthenticatedIdentity[slots];
        mask = slots - 1;
        for (Map.Entry<String, String> e : consumersByKeyHash.entrySet()) {
            byte[] digest = HexFormat.of().parseHex(e.getKey(), ApiKeys.HASH_PREFIX.length(), e.getKey().length());
            int i = slot(digest);
            while (digests[i] != null) {
                i = (i + 1) & mask;
            }
            digests[i] = digest;
            identities[i] = new AuthenticatedIdentity(e.getValue(), AuthenticatedIdentity.Method.API_KEY);
        }
    }

    /** The identity of the consumer owning {@code key}, or null when no admitted key matches. */
    @Nullable AuthenticatedIdentity find(String key) {
        byte[] digest = SCRATCH.get().digest(key);
        for (int i = slot(digest); digests[i] != null; i = (i + 1) & mask) {
            if (MessageDigest.isEqual(digests[i], digest)) {
                return identities[i];
            }
        }
        return null;
    }

    private int slot(byte[] digest) {
        return ((digest[0] & 0xff) << 24 | (digest[1] & 0xff) << 16 | (digest[2] & 0xff) << 8 | digest[3] & 0xff) & mask;
    }

    /** One thread's SHA-256 state with its input and output buffers. */
    private static final class Scratch {
        private final MessageDigest sha256;
        private final byte[] in = new byte[SCRATCH_BYTES];
        private final byte[] out = new byte[DIGEST_BYTES];

        Scratch() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every Java platform", e);
            }
        }

        /** SHA-256 of the UTF-8 bytes of {@code key}, into this thread's output buffer. */
        byte[] digest(String key) {
            int n = key.length();
            boolean ascii = n <= in.length;
            for (int i = 0; ascii && i < n; i++) {
                char c = key.charAt(i);
                ascii = c < 0x80;
                in[i] = (byte) c;
            }
            if (ascii) {
                sha256.update(in, 0, n);
            } else {
                sha256.update(key.getBytes(StandardCharsets.UTF_8));
            }
            try {
                sha256.digest(out, 0, DIGEST_BYTES);
            } catch (DigestException e) {
                throw new IllegalStateException("SHA-256 digest does not fit 32 bytes", e);
            }
            return out;
        }
    }
}
