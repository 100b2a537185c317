package io.meshgate.api.apimgmt.openapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAPI path template such as {@code /accounts/{id}/transfers} or {@code /reports/{name}.{format}}.
 * A template variable matches one whole or partial path segment, never a {@code /}.
 */
public final class PathTemplate implements Comparable<PathTemplate> {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^{}/]+)}");

    private final String template;
    private final List<String> variables;
    private final @Nullable Pattern pattern;
    private final String[] segments;

    private PathTemplate(String template) {
        this.template = template;
        this.segments = template.split("/", -1);
        List<String> vars = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher m = VARIABLE.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            vars.add(m.group(1));
            last = m.end();
        }
        this.variables = Collections.unmodifiableList(vars);
        if (vars.isEmpty()) {
            this.pattern = null;
        } else {
            regex.append(Pattern.quote(template.substring(last)));
            this.pattern = Pattern.compile(regex.toString());
        }
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException when it does not start with {@code /}, has unbalanced braces
     *     or repeats a variable name
     */
    public static PathTemplate of(String template) {
        Objects.requireNonNull(template, "template");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path " + template + " (expected: starting with '/')");
        }
        String stripped = VARIABLE.matcher(template).replaceAll("");
        if (stripped.indexOf('{') >= 0 || stripped.indexOf('}') >= 0) {
            throw new IllegalArgumentException("path " + template + " has unbalanced braces");
        }
        PathTemplate t = new PathTemplate(template);
        if (t.variables.stream().distinct().count() != t.variables.size()) {
            throw new IllegalArgumentException("path " + template + " repeats a variable name");
        }
        return t;
    }

    /** The template as written. */
    public String template() {
        return template;
    }

    /** Whether it has variables. */
    public boolean isTemplated() {
        return pattern != null;
    }

    /** The variable names in order. */
    public List<String> variables() {
        return variables;
    }

    /** This template with {@code prefix} (a base path such as {@code /v1}; may be empty) in front. */
    public PathTemplate withPrefix(String prefix) {
        if (prefix.isEmpty() || prefix.equals("/")) {
            return this;
        }
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return of(p + template);
    }

    /**
     * Matches a request path (no query string, still percent-encoded).
     *
     * @return the raw (still percent-encoded) variable values by name, empty for a literal
     *     template, or null when the path does not match
     */
    public @Nullable Map<String, String> match(String path) {
        if (pattern == null) {
            return template.equals(path) ? Map.of() : null;
        }
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            values.put(variables.get(i), m.group(i + 1));
        }
        return values;
    }

    /**
     * A regular expression (RE2 and Java syntax, meant as a full match) that matches the same
     * paths, for a Gateway API {@code RegularExpression} path match.
     */
    public String toRegex() {
        StringBuilder b = new StringBuilder();
        Matcher m = VARIABLE.matcher(template);
        int last = 0;
        while (m.find()) {
            b.append(escapeRegex(template.substring(last, m.start()))).append("[^/]+");
            last = m.end();
        }
        return b.append(escapeRegex(template.substring(last))).toString();
    }

    /** The literal path before the first variable, cut back to a whole segment, for a PathPrefix match. */
    public String literalPrefix() {
        int brace = template.indexOf('{');
        if (brace < 0) {
            return template;
        }
        int slash = template.lastIndexOf('/', brace);
        String p = template.substring(0, slash);
        return p.isEmpty() ? "/" : p;
    }

    /**
     * Orders templates from the most to the least specific, so the first that matches is the one
     * OpenAPI means: concrete segments before templated ones, segment by segment.
     */
    @Override
    public int compareTo(PathTemplate o) {
        int n = Math.min(segments.length, o.segments.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(rank(o.segments[i]), rank(segments[i]));
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(o.segments.length, segments.length);
        return c != 0 ? c : template.compareTo(o.template);
    }

    // A literal segment is more specific than a partly templated one, which beats a whole variable.
    private static int rank(String segment) {
        if (segment.indexOf('{') < 0) {
            return 2;
        }
        return segment.startsWith("{") && segment.endsWith("}") && segment.indexOf('}') == segment.length() - 1 ? 0 : 1;
    }

    private static String escapeRegex(String literal) {
        StringBuilder b = new StringBuilder(literal.length());
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if ("\\.[]{}()*+?^$|".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PathTemplate t && t.template.equals(template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }

    @Override
    public String toString() {
        return template;
    }
}
