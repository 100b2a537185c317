package io.meshgate.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gateway API durations (GEP-2257): one to four {@code <number><unit>} pairs with units {@code h},
 * {@code m}, {@code s}, {@code ms}, each number at most 5 digits, each unit at most once, e.g.
 * {@code 10s}, {@code 500ms}, {@code 1h30m}. {@code 0s} means zero. Fractions ({@code 1.5s}) and
 * negative values are not durations.
 */
public final class Durations {

    /** What error messages say a duration looks like. */
    public static final String EXPECTED = "a duration such as 10s, 500ms or 1h30m";

    private static final Pattern WHOLE = Pattern.compile("([0-9]{1,5}(h|ms|m|s)){1,4}");
    private static final Pattern PART = Pattern.compile("([0-9]{1,5})(h|ms|m|s)");

    private Durations() {}

    /** Parses a GEP-2257 duration or throws {@link IllegalArgumentException} with the reason. */
    public static Duration parse(String text) {
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException('"' + text + "\" (expected: " + EXPECTED + ")");
        }
        Duration total = Duration.ZERO;
        String seen = "";
        Matcher m = PART.matcher(text);
        while (m.find()) {
            String unit = m.group(2);
            if (seen.contains("," + unit + ",")) {
                throw new IllegalArgumentException('"' + text + "\" (expected: " + EXPECTED
                                                   + ", each unit at most once)");
            }
            seen += "," + unit + ",";
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (unit) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
        }
        return total;
    }

    /** Formats a duration the way {@link #parse} reads it, e.g. {@code 1h30m}, {@code 1s500ms}, {@code 0s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        int millis = d.toMillisPart();
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0) {
            sb.append(minutes).append('m');
        }
        if (seconds > 0) {
            sb.append(seconds).append('s');
        }
        if (millis > 0) {
            sb.append(millis).append("ms");
        }
        return sb.toString();
    }
}
