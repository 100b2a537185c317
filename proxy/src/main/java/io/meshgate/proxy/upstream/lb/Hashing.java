package io.meshgate.proxy.upstream.lb;

/** Allocation-free 64-bit hashing of text for consistent hashing. */
final class Hashing {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Hashing() {
    }

    /** FNV-1a over the UTF-16 units of {@code s[from, to)}, finished with a strong mix. */
    static long hash(CharSequence s, int from, int to, long seed) {
        long h = FNV_OFFSET ^ seed;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            h = (h ^ (c & 0xff)) * FNV_PRIME;
            h = (h ^ (c >>> 8)) * FNV_PRIME;
        }
        return mix(h);
    }

    /** Hash of all of {@code s}. */
    static long hash(CharSequence s, long seed) {
        return hash(s, 0, s.length(), seed);
    }

    /** MurmurHash3's fmix64: every input bit affects every output bit. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
