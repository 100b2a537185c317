package io.meshgate.proxy.filter.redirect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.filter.rewrite.PathModifier;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestRedirectFilterTest {

    /**
     * Request on a listener, config, expected Location. Columns: request scheme, listener port,
     * Host header, target, config scheme, config hostname, config port, expected.
     */
    @ParameterizedTest(name = "{0}://{2}{3} on :{1} scheme={4} host={5} port={6} -> {7}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // no scheme: the listener port, left out when well known for the request's scheme
            "http  | 80   | example.com      | /a?b=1 | -     | -         | -    | http://example.com/a?b=1",
            "http  | 8080 | example.com:8080 | /a     | -     | -         | -    | http://example.com:8080/a",
            "https | 443  | example.com      | /a     | -     | -         | -    | https://example.com/a",
            "https | 8443 | example.com:8443 | /a     | -     | -         | -    | https://example.com:8443/a",
            // a scheme brings its well-known port (and so no port in the Location)
            "http  | 8080 | example.com:8080 | /a     | https | -         | -    | https://example.com/a",
            "https | 8443 | example.com:8443 | /a     | http  | -         | -    | http://example.com/a",
            // an explicit port wins, and is shown unless well known for the scheme
            "http  | 80   | example.com      | /a     | https | -         | 8443 | https://example.com:8443/a",
            "http  | 80   | example.com      | /a     | https | -         | 443  | https://example.com/a",
            "http  | 8080 | example.com:8080 | /a     | -     | -         | 80   | http://example.com/a",
            "http  | 80   | example.com      | /a     | -     | -         | 9000 | http://example.com:9000/a",
            // hostname
            "http  | 80   | example.com      | /a     | -     | other.org | -    | http://other.org/a",
            "http  | 8080 | example.com:8080 | /a     | https | other.org | -    | https://other.org/a",
    })
    void location(String reqScheme, int listenerPort, String authority, String target, @Nullable String scheme,
                  @Nullable String hostname, @Nullable Integer port, String expected) {
        RequestRedirectFilter filter = new RequestRedirectFilter(
                new RequestRedirectConfig(scheme, hostname, port, null, 302, listenerPort));
        Exchange x = TestExchange.request(HttpMethod.GET, target).scheme(reqScheme).authority(authority).build();

        FilterResult result = filter.onRequest(x);

        assertThat(result).isInstanceOf(FilterResult.Respond.class);
        FilterResult.Respond respond = (FilterResult.Respond) result;
        assertThat(respond.status()).isEqualTo(302);
        assertThat(respond.headers().get("location")).isEqualTo(expected);
        assertThat(respond.body()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"301", "302", "303", "307", "308"})
    void answersWithTheConfiguredStatusAndPath(int status) {
        RequestRedirectFilter filter = new RequestRedirectFilter(new RequestRedirectConfig(null, null, null,
                new PathModifier.ReplacePrefixMatch("/old", "/new"), status, 80));
        Exchange x = TestExchange.request(HttpMethod.POST, "/old/page?x=1").authority("example.com").build();

        FilterResult.Respond respond = (FilterResult.Respond) filter.onRequest(x);

        assertThat(respond.status()).isEqualTo(status);
        assertThat(respond.headers().get("location")).isEqualTo("http://example.com/new/page?x=1");
    }

    @org.junit.jupiter.api.Test
    void fullPathReplacement() {
        RequestRedirectFilter filter = new RequestRedirectFilter(new RequestRedirectConfig("https", null, null,
                new PathModifier.ReplaceFullPath("/login"), 301, 80));
        Exchange x = TestExchange.request(HttpMethod.GET, "/deep/page").authority("example.com").build();
        assertThat(((FilterResult.Respond) filter.onRequest(x)).headers().get("location"))
                .isEqualTo("https://example.com/login");
    }

    @org.junit.jupiter.api.Test
    void rejectsUnknownStatusAndScheme() {
        assertThatThrownBy(() -> new RequestRedirectConfig(null, null, null, null, 304, 80))
                .hasMessage("statusCode: 304 (expected: 301, 302, 303, 307 or 308)");
        assertThatThrownBy(() -> new RequestRedirectConfig("ftp", null, null, null, 302, 80))
                .hasMessage("scheme: 'ftp' (expected: http or https)");
    }
}
