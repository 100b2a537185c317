package io.meshgate.api.security;

import io.meshgate.api.internal.Checks;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code cors}: cross-origin requests from browsers, per the Fetch standard (Envoy Gateway field names).
 * Preflights are answered by the gateway.
 *
 * @param allowOrigins origins allowed to read responses, required: {@code *}, {@code https://app.example.com},
 *     {@code https://*.example.com} (any subdomain), {@code http://localhost:*} (any port)
 * @param allowMethods methods preflights may ask for, or {@code *}; GET, HEAD and POST are always allowed
 * @param allowHeaders request headers preflights may ask for, or {@code *}
 * @param exposeHeaders response headers scripts may read, or {@code *} (not with credentials)
 * @param maxAge how long browsers may cache a preflight answer; default: the browser's (5s in Chromium)
 * @param allowCredentials allow cookies and HTTP authentication; then {@code allowOrigins} must list origins,
 *     not {@code *}. Default false
 */
public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                   List<String> exposeHeaders, @Nullable Duration maxAge, Boolean allowCredentials) {

    /** Envoy Gateway's origin syntax. */
    private static final Pattern ORIGIN =
            Pattern.compile("\\*|https?://(\\*|(\\*\\.)?(([\\w-]+\\.?)+)?[\\w-]+)(:(\\*|\\d{1,5}))?");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    public Cors(@Nullable List<String> allowOrigins, @Nullable List<String> allowMethods,
                @Nullable List<String> allowHeaders, @Nullable List<String> exposeHeaders, @Nullable Duration maxAge,
                @Nullable Boolean allowCredentials) {
        this.allowOrigins = Checks.list(allowOrigins, "allowOrigins");
        Checks.check(!this.allowOrigins.isEmpty(), "allowOrigins", "required (expected: at least one origin)");
        this.allowCredentials = Checks.orDefault(allowCredentials, false);
        for (int i = 0; i < this.allowOrigins.size(); i++) {
            String o = this.allowOrigins.get(i);
            Checks.check(ORIGIN.matcher(o).matches(), "allowOrigins[" + i + "]", Checks.quote(o)
                    + " (expected: *, or http(s)://host[:port] where host may start with *. and port may be *)");
            Checks.check(!(o.equals("*") && this.allowCredentials), "allowOrigins[" + i + "]",
                    "\"*\" with allowCredentials would let every site read responses with the user's cookies "
                    + "(expected: the allowed origins listed)");
        }
        this.allowMethods = tokens(allowMethods, "allowMethods");
        this.allowHeaders = tokens(allowHeaders, "allowHeaders");
        this.exposeHeaders = tokens(exposeHeaders, "exposeHeaders");
        Checks.check(!(this.allowCredentials && this.exposeHeaders.contains("*")), "exposeHeaders",
                "\"*\" is read literally by browsers on credentialed requests (expected: the header names)");
        this.maxAge = maxAge;
    }

    private static List<String> tokens(@Nullable List<String> values, String field) {
        List<String> out = Checks.list(values, field);
        for (int i = 0; i < out.size(); i++) {
            Checks.check(TOKEN.matcher(out.get(i)).matches(), field + "[" + i + "]",
                    Checks.quote(out.get(i)) + " (expected: a method or header name, or *)");
        }
        return out;
    }
}
