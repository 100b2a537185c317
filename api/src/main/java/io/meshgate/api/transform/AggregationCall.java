package io.meshgate.api.transform;

import io.meshgate.api.Durations;
import io.meshgate.api.internal.Checks;
import io.meshgate.api.route.BackendObjectReference;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One backend call of an aggregation: a GET to {@code backendRef} with the incoming request's
 * headers (except Host, Content-Length, Accept-Encoding and hop-by-hop ones).
 *
 * @param name the key of this call's answer in the merged object, required (not starting with {@code _})
 * @param backendRef the backend: a Service or a meshgate Backend, required
 * @param path the request target on the backend, starting with {@code /}, required. The placeholders
 *     {@code {header.NAME}}, {@code {query.NAME}} and {@code {consumer}} (the authenticated
 *     Consumer) take the incoming request's values, percent-encoded; a missing value fails the call
 * @param timeout the longest the call may take, default 5s (expected: 1ms..5m)
 */
public record AggregationCall(String name, BackendObjectReference backendRef, String path, Duration timeout) {

    /** The placeholder syntax in {@link #path()}. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{(header\\.[^{}]+|query\\.[^{}]+|consumer)}");

    public AggregationCall(@Nullable String name, @Nullable BackendObjectReference backendRef, @Nullable String path,
                           @Nullable Duration timeout) {
        this.name = Checks.requiredText(name, "name");
        Checks.check(!name.startsWith("_"), "name", "\"" + name + "\" (expected: not starting with _, which marks"
                + " meshgate's own keys)");
        this.backendRef = Checks.required(backendRef, "backendRef");
        this.path = Checks.requiredText(path, "path");
        Checks.check(path.startsWith("/"), "path", "\"" + path + "\" (expected: a path starting with /)");
        Matcher m = PLACEHOLDER.matcher(path);
        String rest = m.replaceAll("");
        Checks.check(rest.indexOf('{') < 0 && rest.indexOf('}') < 0, "path", "\"" + path
                + "\" (expected: placeholders {header.NAME}, {query.NAME} or {consumer})");
        this.timeout = Checks.orDefault(timeout, Duration.ofSeconds(5));
        Checks.check(this.timeout.compareTo(Duration.ofMillis(1)) >= 0
                && this.timeout.compareTo(Duration.ofMinutes(5)) <= 0, "timeout",
                Durations.format(this.timeout) + " (expected: 1ms..5m)");
    }
}
