package io.meshgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnamesTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "null, a.example.com, a.example.com",
            "a.example.com, a.example.com, a.example.com",
            "*.example.com, a.example.com, a.example.com",
            "*.example.com, a.b.example.com, a.b.example.com",
            "*.example.com, example.com, null",
            "*.example.com, *.example.com, *.example.com",
            "*.example.com, *.a.example.com, *.a.example.com",
            "*.a.example.com, *.example.com, *.a.example.com",
            "a.example.com, *.example.com, a.example.com",
            "a.example.com, b.example.com, null",
            "*.example.com, *.example.org, null",
            "example.com, *.example.com, null"})
    void intersection(String listener, String route, String expected) {
        assertThat(Hostnames.intersect(listener, route)).isEqualTo(expected);
    }

    @Test
    void effectiveHostnames() {
        assertThat(Hostnames.effective(null, List.of())).containsExactly("*");
        assertThat(Hostnames.effective("*.a.com", List.of())).containsExactly("*.a.com");
        assertThat(Hostnames.effective("*.a.com", List.of("x.a.com", "x.b.com"))).containsExactly("x.a.com");
        assertThat(Hostnames.effective("*.a.com", List.of("x.b.com"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"a.example.com, true", "*.example.com, true", "Example.com, false", "*.*.a.com, false",
                "a*.com, false", "10.0.0.1, false", "-a.com, false", "a_b.com, false"})
    void syntax(String hostname, boolean valid) {
        assertThat(Hostnames.problem(hostname) == null).isEqualTo(valid);
    }

    @Test
    void wildcardMatchesSubdomainsOnly() {
        assertThat(Hostnames.matches("*.example.com", "A.Example.com")).isTrue();
        assertThat(Hostnames.matches("*.example.com", "example.com")).isFalse();
        assertThat(Hostnames.matches("a.example.com", "a.example.com")).isTrue();
    }
}
