package io.meshgate.api.apimgmt;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Gateway API durations (GEP-2257): {@code 1h}, {@code 30s}, {@code 1m30s}, {@code 500ms}. */
final class ApiDurations {

    private static final Pattern FORMAT = Pattern.compile("^([0-9]{1,5}(h|m|s|ms)){1,4}$");
    private static final Pattern PART = Pattern.compile("([0-9]{1,5})(h|ms|m|s)");

    private ApiDurations() {
    }

    /** Parses {@code text}; {@code field} names it in the error. */
    static Duration parse(String field, String text) {
        if (!FORMAT.matcher(text).matches()) {
            throw new IllegalArgumentException(field + ": " + text + " (expected: a duration such as 30s, 5m, 1h30m)");
        }
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
        }
        return d;
    }
}
