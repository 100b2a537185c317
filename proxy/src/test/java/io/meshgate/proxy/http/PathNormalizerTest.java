package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.policy.EscapedSlashesAction;
import io.meshgate.proxy.snapshot.PathNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathNormalizerTest {

    private static final PathNormalization DEFAULTS = PathNormalization.DEFAULTS;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/                          | /",
        "/a/b?x=1                   | /a/b?x=1",
        "/a/./b                     | /a/b",
        "/a/b/.                     | /a/b/",
        "/a/b/..                    | /a/",
        "/public/../admin/x         | /admin/x",
        "/../../etc/passwd          | /etc/passwd",
        "/public/%2e%2e/admin       | /admin",
        "/public/%2E%2E/admin       | /admin",
        "/public/.%2e/admin         | /admin",
        "/a//b///c                  | /a/b/c",
        "//public//x                | /public/x",
        "/a/%7euser/%41             | /a/~user/A",
        "/caf%c3%a9                 | /caf%C3%A9",
        "/a%20b                     | /a%20b",
        "/a\\b                      | /a/b",
        "/.well-known/x             | /.well-known/x",
        "/a/..b/c                   | /a/..b/c",
        "/a?q=/../x%2F              | /a?q=/../x%2F",
        "/a/b/../../..?q            | /?q",
        "*                          | *",
    })
    void normalizes(String target, String expected) {
        PathNormalizer.Normalized n = PathNormalizer.normalize(target, DEFAULTS);
        assertThat(n.rejection()).isNull();
        assertThat(n.redirect()).isFalse();
        assertThat(n.target()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"/a%zz", "/a%2", "/a%", "/%g0"})
    void rejectsInvalidPercentEncoding(String target) {
        assertThat(PathNormalizer.normalize(target, DEFAULTS).rejection()).isEqualTo("invalid percent-encoding in path");
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "UnescapeAndRedirect | /a%2Fb/../c | /a/c      | redirect",
        "UnescapeAndRedirect | /a%5cb      | /a/b      | redirect",
        "UnescapeAndForward  | /a%2fb      | /a/b      | forward",
        "KeepUnchanged       | /a%2fb/%2e  | /a%2Fb/   | forward",
        "RejectRequest       | /a%2Fb      | /a%2Fb    | reject",
    })
    void escapedSlashes(EscapedSlashesAction action, String target, String expected, String outcome) {
        PathNormalizer.Normalized n = PathNormalizer.normalize(target, new PathNormalization(true, action));
        assertThat(n.target()).isEqualTo(expected);
        assertThat(n.redirect()).isEqualTo(outcome.equals("redirect"));
        assertThat(n.rejection()).isEqualTo(outcome.equals("reject") ? "escaped slash in path" : null);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"/a//b | /a//b", "/a//../b | /a/b", "//x/./y | //x/y"})
    void keepsRepeatedSlashesWhenMergingIsDisabled(String target, String expected) {
        PathNormalization noMerge = new PathNormalization(false, EscapedSlashesAction.UnescapeAndRedirect);
        assertThat(PathNormalizer.normalize(target, noMerge).target()).isEqualTo(expected);
    }

    @Test
    void returnsTheSameStringWhenNothingChanges() {
        String target = "/accounts/alice?limit=3";
        assertThat(PathNormalizer.normalize(target, DEFAULTS).target()).isSameAs(target);
    }
}
