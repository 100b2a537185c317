package io.meshgate.proxy.filter.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathModifierTest {

    /** The table of HTTPPathModifier.replacePrefixMatch in the Gateway API spec, row by row. */
    @ParameterizedTest(name = "{0} with prefix {1} replaced by ''{2}'' -> {3}")
    @CsvSource(delimiter = '|', value = {
            "/foo/bar | /foo  | /xyz  | /xyz/bar",
            "/foo/bar | /foo  | /xyz/ | /xyz/bar",
            "/foo/bar | /foo/ | /xyz  | /xyz/bar",
            "/foo/bar | /foo/ | /xyz/ | /xyz/bar",
            "/foo     | /foo  | /xyz  | /xyz",
            "/foo/    | /foo  | /xyz  | /xyz/",
            "/foo/bar | /foo  | ''    | /bar",
            "/foo/    | /foo  | ''    | /",
            "/foo     | /foo  | ''    | /",
            "/foo/    | /foo  | /     | /",
            "/foo     | /foo  | /     | /",
            // beyond the table: the root prefix, deeper prefixes, the query string
            "/foo     | /     | /xyz  | /xyz/foo",
            "/a/b/c   | /a/b  | /z    | /z/c",
    })
    void replacePrefixMatch(String path, String prefix, String replacement, String expected) {
        assertThat(new PathModifier.ReplacePrefixMatch(prefix, replacement).apply(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/foo/bar?x=1&y=2 | /xyz/bar?x=1&y=2",
            "/foo?x           | /xyz?x",
    })
    void theQueryIsKept(String target, String expected) {
        assertThat(new PathModifier.ReplacePrefixMatch("/foo", "/xyz").applyToTarget(target)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/anything/here   | /new",
            "/anything?q=1    | /new?q=1",
    })
    void replaceFullPath(String target, String expected) {
        assertThat(new PathModifier.ReplaceFullPath("/new").applyToTarget(target)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void rejectsRelativePaths() {
        assertThatThrownBy(() -> new PathModifier.ReplaceFullPath("new"))
                .hasMessage("replaceFullPath: 'new' (expected: starts with '/')");
        assertThatThrownBy(() -> new PathModifier.ReplacePrefixMatch("/foo", "xyz"))
                .hasMessage("replacePrefixMatch: 'xyz' (expected: empty or starts with '/')");
    }
}
