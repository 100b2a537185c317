package io.meshgate.proxy.filter.compress;

import io.netty.util.AttributeKey;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Content negotiation on {@code Accept-Encoding} (RFC 9110 §12.5.3): picks the offered coding with
 * the highest weight, the earlier offer winning a tie. {@code *} stands for every coding not named;
 * {@code q=0} refuses a coding; {@code x-gzip} is {@code gzip} (§8.4.1.3). A request without the
 * field gets no coding: clients that never asked are not sent compressed bodies.
 */
public final class AcceptEncoding {

    /**
     * The client's own {@code Accept-Encoding}, saved by filters that change the header on its way
     * upstream (JSON shaping asks the backend for an identity body), so negotiation still sees it.
     */
    public static final AttributeKey<String> CLIENT = AttributeKey.valueOf("meshgate.compress.client-accept-encoding");

    private AcceptEncoding() {
    }

    /** The best of {@code offered} for the header value, or null when none is acceptable. */
    public static @Nullable Coding negotiate(@Nullable String header, List<Coding> offered) {
        if (header == null) {
            return null;
        }
        double[] weights = new double[offered.size()];
        boolean[] named = new boolean[offered.size()];
        double star = -1;
        int start = 0;
        int len = header.length();
        while (start < len) {
            int end = header.indexOf(',', start);
            if (end < 0) {
                end = len;
            }
            String item = header.substring(start, end);
            start = end + 1;
            int semi = item.indexOf(';');
            String token = (semi < 0 ? item : item.substring(0, semi)).trim();
            if (token.isEmpty()) {
                continue;
            }
            double q = semi < 0 ? 1.0 : weight(item.substring(semi + 1));
            if (token.equals("*")) {
                star = q;
                continue;
            }
            if (token.equalsIgnoreCase("x-gzip")) {
                token = "gzip";
            }
            for (int i = 0; i < offered.size(); i++) {
                if (offered.get(i).token().equalsIgnoreCase(token)) {
                    weights[i] = Math.max(named[i] ? weights[i] : 0, q);
                    named[i] = true;
                }
            }
        }
        Coding best = null;
        double bestWeight = 0;
        for (int i = 0; i < offered.size(); i++) {
            double w = named[i] ? weights[i] : Math.max(star, 0);
            if (w > bestWeight) {
                best = offered.get(i);
                bestWeight = w;
            }
        }
        return best;
    }

    /** The {@code q} parameter of {@code params} (RFC 9110 §12.4.2), 1 when absent, 0 when malformed. */
    private static double weight(String params) {
        for (String p : params.split(";")) {
            String t = p.trim();
            if (t.length() > 1 && (t.charAt(0) == 'q' || t.charAt(0) == 'Q') && t.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(t.substring(2).trim());
                    return q < 0 || q > 1 || Double.isNaN(q) ? 0 : q;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1.0;
    }
}
