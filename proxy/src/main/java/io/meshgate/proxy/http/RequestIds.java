package io.meshgate.proxy.http;

import java.util.concurrent.ThreadLocalRandom;

/** Generates {@code x-request-id} values: 128 random bits as a UUID-shaped hex string. */
final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = r.nextLong();
        long lo = r.nextLong();
        char[] c = new char[36];
        int p = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                c[p++] = '-';
            }
            long v = i < 16 ? hi >>> (60 - 4 * i) : lo >>> (60 - 4 * (i - 16));
            c[p++] = HEX[(int) (v & 0xf)];
        }
        return new String(c);
    }
}
