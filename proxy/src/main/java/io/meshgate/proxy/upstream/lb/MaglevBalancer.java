package io.meshgate.proxy.upstream.lb;

import io.meshgate.proxy.upstream.Host;
import io.meshgate.proxy.upstream.PickContext;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Consistent hashing with a Maglev lookup table (Eisenbud et al., NSDI 2016), as Envoy builds it.
 * Each host fills table slots in the order of its own permutation of the table, derived from its
 * {@code host:port} only, so the table changes little when another host joins or leaves: about
 * 1/n of the keys move. Weights are honoured by letting lighter hosts skip fill rounds.
 *
 * @param key what to hash
 * @param tableSize number of slots (expected: a prime, much larger than the host count)
 * @param random source of a random hash for requests without a key
 */
record MaglevBalancer(HashKey key, int tableSize, Supplier<RandomGenerator> random) implements LoadBalancer {

    private static final long OFFSET_SEED = 0x5bd1e995L;
    private static final long SKIP_SEED = 0x27d4eb2fL;

    MaglevBalancer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(random, "random");
        if (tableSize < 2 || !java.math.BigInteger.valueOf(tableSize).isProbablePrime(30)) {
            throw new IllegalArgumentException("tableSize: " + tableSize + " (expected: a prime number)");
        }
    }

    @Override
    public Picker picker(List<Host> hosts) {
        if (hosts.isEmpty()) {
            return Picker.EMPTY;
        }
        Host[] array = hosts.toArray(new Host[0]);
        return new TablePicker(array, table(array, tableSize));
    }

    /** Slot {@code i} holds the index in {@code hosts} of the host that owns it. */
    static int[] table(Host[] hosts, int size) {
        int n = hosts.length;
        long[] offset = new long[n];
        long[] skip = new long[n];
        long[] next = new long[n];
        long[] target = new long[n];
        int maxWeight = 1;
        for (int i = 0; i < n; i++) {
            String id = hosts[i].endpoint().authority();
            offset[i] = Long.remainderUnsigned(Hashing.hash(id, OFFSET_SEED), size);
            skip[i] = Long.remainderUnsigned(Hashing.hash(id, SKIP_SEED), size - 1) + 1;
            maxWeight = Math.max(maxWeight, hosts[i].weight());
        }
        int[] table = new int[size];
        Arrays.fill(table, -1);
        int filled = 0;
        for (long round = 1; filled < size; round++) {
            for (int i = 0; i < n && filled < size; i++) {
                // A host of maximal weight fills a slot every round; one of a third of it every third round.
                if (round * hosts[i].weight() < target[i]) {
                    continue;
                }
                target[i] += maxWeight;
                int slot = (int) ((offset[i] + skip[i] * next[i]) % size);
                while (table[slot] >= 0) {
                    next[i]++;
                    slot = (int) ((offset[i] + skip[i] * next[i]) % size);
                }
                table[slot] = i;
                next[i]++;
                filled++;
            }
        }
        return table;
    }

    private final class TablePicker implements Picker {
        private final Host[] hosts;
        private final int[] table;

        TablePicker(Host[] hosts, int[] table) {
            this.hosts = hosts;
            this.table = table;
        }

        @Override
        public @Nullable Host pick(PickContext ctx) {
            long h = key.hash(ctx.exchange());
            if (h == HashKey.ABSENT) {
                h = random.get().nextLong();
            }
            int slot = (int) Long.remainderUnsigned(h, table.length);
            Host chosen = hosts[table[slot]];
            if (!Picks.tried(ctx, chosen)) {
                return chosen;
            }
            // A retry: walk the table to the next host not tried yet, which is itself stable per key.
            for (int i = 1; i < table.length; i++) {
                Host c = hosts[table[(slot + i) % table.length]];
                if (!Picks.tried(ctx, c)) {
                    return c;
                }
            }
            return chosen;
        }
    }
}
