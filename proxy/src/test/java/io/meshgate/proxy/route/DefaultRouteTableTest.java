package io.meshgate.proxy.route;

import static io.meshgate.proxy.route.Routes.exact;
import static io.meshgate.proxy.route.Routes.order;
import static io.meshgate.proxy.route.Routes.prefix;
import static io.meshgate.proxy.route.Routes.regex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefaultRouteTableTest {

    private static @Nullable String match(DefaultRouteTable t, String method, String host, String target,
                                          String... headerPairs) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < headerPairs.length; i += 2) {
            h.add(headerPairs[i], headerPairs[i + 1]);
        }
        Route r = t.match(HttpMethod.valueOf(method), host, target, h);
        return r == null ? null : r.id();
    }

    private static @Nullable String get(DefaultRouteTable t, String target, String... headerPairs) {
        return match(t, "GET", "example.com", target, headerPairs);
    }

    // --- paths -------------------------------------------------------------------------------

    static Stream<Arguments> pathPrefix() {
        return Stream.of(
                Arguments.of("/foo", "/foo", true),
                Arguments.of("/foo", "/foo/", true),
                Arguments.of("/foo", "/foo/bar", true),
                Arguments.of("/foo", "/foobar", false),
                Arguments.of("/foo", "/fo", false),
                Arguments.of("/foo/", "/foo", true),        // a trailing slash of the prefix is ignored
                Arguments.of("/foo/", "/foo/bar", true),
                Arguments.of("/foo/", "/foobar", false),
                Arguments.of("/foo/bar", "/foo/bar/baz", true),
                Arguments.of("/foo/bar", "/foo/barbaz", false),
                Arguments.of("/foo/bar", "/foo", false),
                Arguments.of("/", "/", true),
                Arguments.of("/", "/anything/at/all", true),
                Arguments.of("/foo", "/foo?x=1", true),     // the query is not part of the path
                Arguments.of("/foo", "/FOO", false));       // case-sensitive
    }

    @ParameterizedTest(name = "prefix {0} vs {1} -> {2}")
    @MethodSource
    void pathPrefix(String prefix, String path, boolean matches) {
        DefaultRouteTable t = Routes.table().add("r", prefix(prefix)).build();
        assertThat(get(t, path)).isEqualTo(matches ? "r" : null);
        // the same must hold for the index-free check
        assertThat(PathMatch.prefix(prefix).matches(path.split("\\?")[0])).isEqualTo(matches);
    }

    @Test
    void exactPathMatchesOnlyThatPath() {
        DefaultRouteTable t = Routes.table().add("r", exact("/abc")).build();
        assertThat(get(t, "/abc")).isEqualTo("r");
        assertThat(get(t, "/abc?q=1")).isEqualTo("r");
        assertThat(get(t, "/abc/")).isNull();
        assertThat(get(t, "/Abc")).isNull();
        assertThat(get(t, "/abcd")).isNull();
    }

    @Test
    void regexMatchesTheWholePath() {
        DefaultRouteTable t = Routes.table().add("r", regex("/users/[0-9]+")).build();
        assertThat(get(t, "/users/42")).isEqualTo("r");
        assertThat(get(t, "/users/42/x")).isNull();
        assertThat(get(t, "/x/users/42")).isNull();
    }

    // --- precedence (HTTPRouteRule.matches in the spec) --------------------------------------

    @Test
    void exactBeatsPrefixEvenWhenThePrefixIsLonger() {
        DefaultRouteTable t = Routes.table()
                .add("prefix", prefix("/foo/bar"))
                .add("exact", exact("/foo/bar"))
                .build();
        assertThat(get(t, "/foo/bar")).isEqualTo("exact");
        assertThat(get(t, "/foo/bar/x")).isEqualTo("prefix");
    }

    @Test
    void longestPrefixWins() {
        DefaultRouteTable t = Routes.table()
                .add("root", prefix("/"))
                .add("foo", prefix("/foo"))
                .add("foobar", prefix("/foo/bar"))
                .build();
        assertThat(get(t, "/foo/bar/baz")).isEqualTo("foobar");
        assertThat(get(t, "/foo/baz")).isEqualTo("foo");
        assertThat(get(t, "/foobar")).isEqualTo("root");
    }

    @Test
    void prefixWithTrailingSlashHasMoreCharacters() {
        DefaultRouteTable t = Routes.table()
                .add("a-no-slash", prefix("/foo"))
                .add("b-slash", prefix("/foo/"))
                .build();
        assertThat(get(t, "/foo/x")).isEqualTo("b-slash");
    }

    @Test
    void longerPrefixWinsOverMethodAndHeaders() {
        DefaultRouteTable t = Routes.table()
                .add("short-with-everything", prefix("/a").method("GET").header("x", "1").query("q", "1"))
                .add("long", prefix("/a/b"))
                .build();
        assertThat(get(t, "/a/b?q=1", "x", "1")).isEqualTo("long");
    }

    @Test
    void methodBeatsHeaders() {
        DefaultRouteTable t = Routes.table()
                .add("a-headers", prefix("/").header("x", "1").header("y", "2"))
                .add("b-method", prefix("/").method("GET"))
                .build();
        assertThat(get(t, "/", "x", "1", "y", "2")).isEqualTo("b-method");
        assertThat(match(t, "POST", "example.com", "/", "x", "1", "y", "2")).isEqualTo("a-headers");
    }

    @Test
    void moreHeadersBeatFewerAndHeadersBeatQuery() {
        DefaultRouteTable t = Routes.table()
                .add("a-one-header", prefix("/").header("x", "1"))
                .add("b-two-headers", prefix("/").header("x", "1").header("y", "2"))
                .add("c-query", prefix("/").query("q", "1").query("r", "2").query("s", "3"))
                .build();
        assertThat(get(t, "/?q=1&r=2&s=3", "x", "1", "y", "2")).isEqualTo("b-two-headers");
        assertThat(get(t, "/?q=1&r=2&s=3", "x", "1")).isEqualTo("a-one-header");
        assertThat(get(t, "/?q=1&r=2&s=3")).isEqualTo("c-query");
    }

    @Test
    void moreQueryParamsBeatFewer() {
        DefaultRouteTable t = Routes.table()
                .add("a-one", prefix("/").query("q", "1"))
                .add("b-two", prefix("/").query("q", "1").query("r", "2"))
                .build();
        assertThat(get(t, "/?q=1&r=2")).isEqualTo("b-two");
        assertThat(get(t, "/?q=1")).isEqualTo("a-one");
    }

    @Test
    void tiesGoToTheOldestRouteThenNamespaceNameThenRuleThenMatch() {
        DefaultRouteTable t = Routes.table()
                .add("new", prefix("/"), order("2024-02-01T00:00:00Z", "a/new", 0, 0))
                .add("old", prefix("/"), order("2024-01-01T00:00:00Z", "z/old", 0, 0))
                .build();
        assertThat(get(t, "/")).isEqualTo("old");

        DefaultRouteTable byName = Routes.table()
                .add("b", prefix("/"), order(null, "ns/b", 0, 0))
                .add("a", prefix("/"), order(null, "ns/a", 3, 0))
                .build();
        assertThat(get(byName, "/")).isEqualTo("a");

        DefaultRouteTable byRule = Routes.table()
                .add("rule1", prefix("/"), order(null, "ns/r", 1, 0))
                .add("rule0match1", prefix("/"), order(null, "ns/r", 0, 1))
                .add("rule0match0", prefix("/"), order(null, "ns/r", 0, 0))
                .build();
        assertThat(get(byRule, "/")).isEqualTo("rule0match0");
    }

    @Test
    void routeWithATimestampIsOlderThanOneWithout() {
        DefaultRouteTable t = Routes.table()
                .add("untimed", prefix("/"), order(null, "a/a", 0, 0))
                .add("timed", prefix("/"), order("2030-01-01T00:00:00Z", "z/z", 0, 0))
                .build();
        assertThat(get(t, "/")).isEqualTo("timed");
    }

    @Test
    void specExampleOfMatchesInOneRule() {
        // HTTPRouteRule.matches example: path /foo AND header version: v2, OR path /v2/foo.
        DefaultRouteTable t = Routes.table()
                .add("m0", prefix("/foo").header("version", "v2"), order(null, "ns/r", 0, 0))
                .add("m1", prefix("/v2/foo"), order(null, "ns/r", 0, 1))
                .build();
        assertThat(get(t, "/foo", "version", "v2")).isEqualTo("m0");
        assertThat(get(t, "/foo")).isNull();
        assertThat(get(t, "/v2/foo/x")).isEqualTo("m1");
    }

    @ParameterizedTest(name = "literal prefix of {0} is ''{1}''")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', value = {
            "/users/[0-9]+        ; /users",
            "/a/b/c.*             ; /a/b",
            "/a/bc?/d             ; /a",
            "/a/b/c/              ; /a/b/c",
            "/a                   ; ''",
            "/a/b|/c/d            ; ''",
            "(?i)/a/b             ; ''",
            "^/a/b                ; ''",
            ".*                   ; ''",
            "/a/b/x*              ; /a/b",
            "/a/b/*               ; /a",
    })
    void regexLiteralPrefix(String regex, String expected) {
        assertThat(PathMatch.regex(regex).literalPrefix()).isEqualTo(expected);
    }

    @Test
    void regexesUnderDifferentPrefixesStillRankByPrecedence() {
        DefaultRouteTable t = Routes.table()
                .add("short-deep", regex("/a/b/.*"))
                .add("long-shallow", regex("/a.*/.*/.*x"))
                .add("alternation", regex("/z|/a/b/cx"))
                .build();
        assertThat(get(t, "/a/b/cx")).isEqualTo("long-shallow");
        assertThat(get(t, "/a/b/c")).isEqualTo("short-deep");
        assertThat(get(t, "/z")).isEqualTo("alternation");
    }

    @Test
    void regexRanksBetweenExactAndPrefix() {
        DefaultRouteTable t = Routes.table()
                .add("prefix", prefix("/api/v1"))
                .add("regex", regex("/api/v[0-9]+/.*"))
                .add("exact", exact("/api/v1/x"))
                .build();
        assertThat(get(t, "/api/v1/x")).isEqualTo("exact");
        assertThat(get(t, "/api/v1/y")).isEqualTo("regex");
        assertThat(get(t, "/api/v1")).isEqualTo("prefix");
    }

    @Test
    void failedConditionsFallBackToLessSpecificMatches() {
        DefaultRouteTable t = Routes.table()
                .add("exact-post", exact("/a/b").method("POST"))
                .add("deep-header", prefix("/a/b").header("x", "1"))
                .add("shallow", prefix("/a"))
                .build();
        assertThat(get(t, "/a/b")).isEqualTo("shallow");
        assertThat(get(t, "/a/b", "x", "1")).isEqualTo("deep-header");
        assertThat(match(t, "POST", "example.com", "/a/b")).isEqualTo("exact-post");
    }

    // --- headers and query -------------------------------------------------------------------

    @Test
    void headerNamesAreCaseInsensitiveValuesAreNot() {
        DefaultRouteTable t = Routes.table().add("r", prefix("/").header("X-Version", "V2")).build();
        assertThat(get(t, "/", "x-version", "V2")).isEqualTo("r");
        assertThat(get(t, "/", "X-VERSION", "V2")).isEqualTo("r");
        assertThat(get(t, "/", "x-version", "v2")).isNull();
        assertThat(get(t, "/")).isNull();
    }

    @Test
    void repeatedHeaderIsMatchedAsItsJoinedValue() {
        DefaultRouteTable t = Routes.table().add("r", prefix("/").header("x", "a,b")).build();
        assertThat(get(t, "/", "x", "a", "x", "b")).isEqualTo("r");
        assertThat(get(t, "/", "x", "a")).isNull();
    }

    @Test
    void headerRegexMatchesTheWholeValue() {
        DefaultRouteTable t = Routes.table().add("r", prefix("/").headerRegex("x-id", "[a-f0-9]{4}")).build();
        assertThat(get(t, "/", "x-id", "beef")).isEqualTo("r");
        assertThat(get(t, "/", "x-id", "beefy")).isNull();
    }

    @Test
    void onlyTheFirstConditionOfARepeatedHeaderNameCounts() {
        RequestMatch m = prefix("/").header("x", "1").header("X", "2").build();
        assertThat(m.headers()).hasSize(1);
        DefaultRouteTable t = Routes.table().add("r", m).build();
        assertThat(get(t, "/", "x", "1")).isEqualTo("r");
    }

    @Test
    void queryParamsAreDecodedAndTheFirstValueCounts() {
        DefaultRouteTable t = Routes.table()
                .add("r", prefix("/").query("name", "a b/ü"))
                .add("rx", prefix("/").queryRegex("id", "[0-9]+"))
                .build();
        assertThat(get(t, "/?x=1&name=a%20b%2F%C3%BC")).isEqualTo("r");
        assertThat(get(t, "/?name=other&name=a%20b%2F%C3%BC")).isNull();
        assertThat(get(t, "/?id=123")).isEqualTo("rx");
        assertThat(get(t, "/?id=12a")).isNull();
        assertThat(get(t, "/?ID=123")).isNull();  // names are case-sensitive
        assertThat(get(t, "/?id")).isNull();
    }

    @Test
    void malformedPercentEscapesStayAsWritten() {
        assertThat(MatchInput.percentDecode("a%zz%4")).isEqualTo("a%zz%4");
        assertThat(MatchInput.percentDecode("%41%")).isEqualTo("A%");
    }

    @Test
    void methodMatch() {
        DefaultRouteTable t = Routes.table().add("r", prefix("/").method("DELETE")).build();
        assertThat(match(t, "DELETE", "example.com", "/x")).isEqualTo("r");
        assertThat(match(t, "GET", "example.com", "/x")).isNull();
    }

    // --- hostnames ---------------------------------------------------------------------------

    @Test
    void hostnamesExactThenLongestWildcardThenAny() {
        DefaultRouteTable t = Routes.table()
                .add("any", prefix("/"))
                .add("wild", prefix("/"), "*.example.com")
                .add("wild-deeper", prefix("/"), "*.api.example.com")
                .add("exact", prefix("/"), "foo.example.com")
                .build();
        assertThat(match(t, "GET", "foo.example.com", "/")).isEqualTo("exact");
        assertThat(match(t, "GET", "bar.example.com", "/")).isEqualTo("wild");
        assertThat(match(t, "GET", "a.b.example.com", "/")).isEqualTo("wild");
        assertThat(match(t, "GET", "v1.api.example.com", "/")).isEqualTo("wild-deeper");
        assertThat(match(t, "GET", "api.example.com", "/")).isEqualTo("wild");
        assertThat(match(t, "GET", "example.com", "/")).isEqualTo("any");
        assertThat(match(t, "GET", "other.org", "/")).isEqualTo("any");
    }

    @Test
    void hostIsMatchedCaseInsensitivelyWithoutTrailingDot() {
        DefaultRouteTable t = Routes.table().add("r", prefix("/"), "Foo.Example.com").build();
        assertThat(match(t, "GET", "FOO.example.COM", "/")).isEqualTo("r");
        assertThat(match(t, "GET", "foo.example.com.", "/")).isEqualTo("r");
        assertThat(match(t, "GET", "bar.example.com", "/")).isNull();
    }

    @Test
    void wildcardNeedsAtLeastOneLabel() {
        DefaultRouteTable t = Routes.table().add("r", prefix("/"), "*.example.com").build();
        assertThat(match(t, "GET", "example.com", "/")).isNull();
        assertThat(match(t, "GET", ".example.com", "/")).isNull();
        assertThat(match(t, "GET", "xexample.com", "/")).isNull();
    }

    @Test
    void aMoreSpecificHostWithoutAMatchingPathFallsBackToLessSpecificHosts() {
        DefaultRouteTable t = Routes.table()
                .add("exact-host", prefix("/a"), "foo.example.com")
                .add("wildcard-host", prefix("/b"), "*.example.com")
                .build();
        assertThat(match(t, "GET", "foo.example.com", "/a")).isEqualTo("exact-host");
        assertThat(match(t, "GET", "foo.example.com", "/b")).isEqualTo("wildcard-host");
    }

    @Test
    void hostSpecificityBeatsPathSpecificity() {
        DefaultRouteTable t = Routes.table()
                .add("any-host-exact-path", exact("/a"))
                .add("exact-host-root", prefix("/"), "foo.example.com")
                .build();
        assertThat(match(t, "GET", "foo.example.com", "/a")).isEqualTo("exact-host-root");
    }

    @Test
    void rebuildingFromAPreviousTableReindexesOnlyChangedHostsAndMatchesTheSame() {
        Routes first = Routes.table()
                .add("a", prefix("/"), "a.example.com")
                .add("b-old", prefix("/old"), "b.example.com")
                .add("any", prefix("/"));
        DefaultRouteTable t1 = first.build();
        java.util.List<RouteEntry> next = new java.util.ArrayList<>(first.entries());
        next.set(1, Routes.table().add("b-new", prefix("/new"), "b.example.com").entries().get(0));
        DefaultRouteTable t2 = DefaultRouteTable.of(next, t1);
        assertThat(match(t2, "GET", "a.example.com", "/x")).isEqualTo("a");
        assertThat(match(t2, "GET", "b.example.com", "/new")).isEqualTo("b-new");
        assertThat(match(t2, "GET", "b.example.com", "/old")).isEqualTo("any");
        assertThat(match(t2, "GET", "c.example.com", "/")).isEqualTo("any");
        assertThat(t2.size()).isEqualTo(3);
    }

    @Test
    void emptyTableMatchesNothing() {
        assertThat(get(DefaultRouteTable.empty(), "/")).isNull();
        assertThat(DefaultRouteTable.of(java.util.List.of()).size()).isZero();
    }
}
