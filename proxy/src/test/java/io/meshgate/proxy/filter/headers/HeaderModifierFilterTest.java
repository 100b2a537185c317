package io.meshgate.proxy.filter.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.http.Exchange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderModifierFilterTest {

    @Test
    void setReplacesAddAppendsRemoveDeletesOnTheRequest() {
        HeaderModifierConfig config = new HeaderModifierConfig(Map.of("My-Header", "bar"),
                Map.of("x-add", "two"), List.of("X-Remove"));
        Exchange x = TestExchange.request()
                .header("my-header", "foo").header("my-header", "foo2")
                .header("X-Add", "one")
                .header("x-remove", "gone").header("x-keep", "kept")
                .build();

        FilterResult result = new RequestHeaderModifierFilter(config).onRequest(x);

        assertThat(result).isEqualTo(FilterResult.next());
        assertThat(x.requestHeaders().getAll("my-header")).containsExactly("bar");
        assertThat(x.requestHeaders().getAll("x-add")).containsExactly("one", "two");
        assertThat(x.requestHeaders().contains("x-remove")).isFalse();
        assertThat(x.requestHeaders().get("x-keep")).isEqualTo("kept");
    }

    @Test
    void setAndAddCreateMissingHeaders() {
        HeaderModifierConfig config = new HeaderModifierConfig(Map.of("a", "1"), Map.of("b", "2"), List.of("c"));
        Exchange x = TestExchange.request().build();
        new RequestHeaderModifierFilter(config).onRequest(x);
        assertThat(x.requestHeaders().get("a")).isEqualTo("1");
        assertThat(x.requestHeaders().get("b")).isEqualTo("2");
    }

    @Test
    void responseModifierChangesOnlyTheResponse() {
        HeaderModifierConfig config = new HeaderModifierConfig(Map.of("x-set", "s"), Map.of("x-add", "a"),
                List.of("server"));
        Exchange x = TestExchange.request().header("x-set", "request-value").build();
        x.status(200);
        x.responseHeaders().set("server", "backend").set("x-add", "first");
        ResponseHeaderModifierFilter filter = new ResponseHeaderModifierFilter(config);

        assertThat(filter.onRequest(x)).isEqualTo(FilterResult.next());
        assertThat(filter.onResponse(x)).isEqualTo(FilterResult.next());

        assertThat(x.requestHeaders().get("x-set")).isEqualTo("request-value");
        assertThat(x.responseHeaders().get("x-set")).isEqualTo("s");
        assertThat(x.responseHeaders().getAll("x-add")).containsExactly("first", "a");
        assertThat(x.responseHeaders().contains("server")).isFalse();
    }

    @Test
    void bothRunInTheTransformPhase() {
        HeaderModifierConfig empty = new HeaderModifierConfig(Map.of(), Map.of(), List.of());
        assertThat(new RequestHeaderModifierFilter(empty).phase()).isEqualTo(Phase.TRANSFORM);
        assertThat(new ResponseHeaderModifierFilter(empty).phase()).isEqualTo(Phase.TRANSFORM);
        assertThat(empty.isEmpty()).isTrue();
    }

    @Test
    void aHeaderNameMayHaveOneActionOnly() {
        assertThatThrownBy(() -> new HeaderModifierConfig(Map.of("X-A", "1"), Map.of("x-a", "2"), List.of()))
                .hasMessage("add: header 'x-a' already has an action (expected: one action per header name)");
        assertThatThrownBy(() -> new HeaderModifierConfig(Map.of(), Map.of("x-a", "2"), List.of("X-A")))
                .hasMessage("remove: header 'X-A' already has an action (expected: one action per header name)");
    }

    @Test
    void rejectsValuesThatWouldSplitTheHeader() {
        assertThatThrownBy(() -> new HeaderModifierConfig(Map.of("x", "a\r\nevil: 1"), Map.of(), List.of()))
                .hasMessage("set: value of header 'x' contains CR, LF or NUL (expected: a single-line value)");
        assertThatThrownBy(() -> new HeaderModifierConfig(Map.of("bad name", "v"), Map.of(), List.of()))
                .hasMessage("set: header name 'bad name' (expected: an RFC 9110 token)");
    }
}
