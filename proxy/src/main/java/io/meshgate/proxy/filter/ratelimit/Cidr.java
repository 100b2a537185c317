package io.meshgate.proxy.filter.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** An IPv4 or IPv6 address block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
public final class Cidr {

    private final String text;
    private final byte[] network;
    private final int prefix;

    private Cidr(String text, byte[] network, int prefix) {
        this.text = text;
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * Parses {@code address/prefix} (a bare address means a single host). Only IP literals are
     * accepted, so parsing never resolves a name.
     *
     * @throws IllegalArgumentException when the text is not a CIDR block
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(addr, text);
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cidr: " + text + " (expected: address/prefix-length)");
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("cidr: " + text + " (expected: prefix length 0.." + max + ")");
            }
        }
        return new Cidr(text, mask(bytes, prefix), prefix);
    }

    /** Whether {@code address} lies in this block (IPv4-mapped IPv6 addresses match IPv4 blocks). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
                a = java.util.Arrays.copyOfRange(a, 12, 16);
            } else {
                return false;
            }
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xff << (8 - rest)) & 0xff;
        return (a[full] & m) == (network[full] & 0xff);
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] literal(String addr, String text) {
        boolean ipv4 = addr.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        boolean ipv6 = addr.indexOf(':') >= 0 && addr.chars().allMatch(c -> c == ':' || c == '.'
                || Character.digit(c, 16) >= 0);
        if (!(ipv4 && addr.chars().filter(c -> c == '.').count() == 3) && !ipv6) {
            throw new IllegalArgumentException("cidr: " + text + " (expected: an IPv4 or IPv6 address block)");
        }
        try {
            return InetAddress.getByName(addr).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cidr: " + text + " (expected: an IPv4 or IPv6 address block)");
        }
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & ((0xff << (8 - bits)) & 0xff));
        }
        return out;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }
}
