package io.meshgate.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostnamesTest {

    static Stream<Arguments> intersect() {
        return Stream.of(
                // the spec's examples (HTTPRouteSpec.hostnames)
                Arguments.of("test.example.com", "", "test.example.com"),
                Arguments.of("test.example.com", "test.example.com", "test.example.com"),
                Arguments.of("test.example.com", "*.example.com", "test.example.com"),
                Arguments.of("*.example.com", "", "*.example.com"),
                Arguments.of("*.example.com", "*.example.com", "*.example.com"),
                Arguments.of("*.example.com", "test.example.com", "test.example.com"),
                Arguments.of("*.example.com", "foo.test.example.com", "foo.test.example.com"),
                Arguments.of("*.example.com", "example.com", null),
                Arguments.of("*.example.com", "test.example.net", null),
                Arguments.of("*.example.com", "test.example.com,test.example.net", "test.example.com"),
                Arguments.of("*.example.com", "*.foo.example.com", "*.foo.example.com"),
                Arguments.of("*.foo.example.com", "*.example.com", "*.foo.example.com"),
                Arguments.of("", "a.com,*.b.com", "a.com,*.b.com"),
                Arguments.of("", "", ""),
                Arguments.of("A.example.com", "a.EXAMPLE.com", "a.example.com"));
    }

    @ParameterizedTest(name = "listener {0} route [{1}] -> {2}")
    @MethodSource
    void intersect(String listener, String route, String expected) {
        List<String> routeHosts = route.isEmpty() ? List.of() : Arrays.asList(route.split(","));
        Optional<List<String>> result = Hostnames.intersect(listener.isEmpty() ? null : listener, routeHosts);
        if (expected == null) {
            assertThat(result).isEmpty();
        } else {
            assertThat(result).contains(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(",")));
        }
    }
}
