package io.meshgate.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare
 * address is a single-address range. Parsing never does a DNS lookup.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private Cidr(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /** Parses CIDR notation or throws {@link IllegalArgumentException} with the reason. */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(addr);
        if (bytes == null) {
            throw new IllegalArgumentException('"' + text + "\" (expected: an IP address range such as "
                                               + "10.0.0.0/8 or 2001:db8::/32)");
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException('"' + text + "\" (expected: a prefix length 0.." + max + ")");
            }
        }
        return new Cidr(mask(bytes, prefix), prefix, text);
    }

    /** Whether {@code address} (4 or 16 bytes) is in this range; IPv4-mapped IPv6 addresses match IPv4 ranges. */
    public boolean contains(byte[] address) {
        byte[] a = address;
        if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
            a = Arrays.copyOfRange(a, 12, 16);
        }
        return a.length == network.length && Arrays.equals(mask(a, prefixLength), network);
    }

    /** Whether {@code address} is in this range. */
    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /** The prefix length in bits. */
    public int prefixLength() {
        return prefixLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    /** The text as written. */
    @Override
    public String toString() {
        return text;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] addr, int prefix) {
        byte[] out = addr.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - bits));
        }
        return out;
    }

    private static byte[] literal(String s) {
        if (s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            byte[] b = new byte[4];
            String[] parts = s.split("\\.");
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                b[i] = (byte) v;
            }
            return b;
        }
        if (s.indexOf(':') >= 0 && s.matches("[0-9a-fA-F:.]+")) {
            try {
                // A literal containing ':' is never resolved through DNS.
                byte[] b = InetAddress.getByName(s).getAddress();
                return b.length == 16 ? b : null;
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }
}
