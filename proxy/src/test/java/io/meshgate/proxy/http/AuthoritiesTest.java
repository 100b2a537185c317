package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthoritiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "example.com", "example.com:8080", "EXAMPLE.com:", "127.0.0.1:80", "[::1]",
        "[::1]:8443", "[fe80::1%25eth0]", "xn--bcher-kva.example", "a_b.c~d"})
    void accepts(String authority) {
        assertThat(Authorities.isValid(authority)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "user@host", "a/b", "a?b", "a#b", "host:port", "host:123456", "a:1:2", "[::1",
        "[]", "[::1]x", "a\tb", "a\"b", "a<b>"})
    void rejects(String authority) {
        assertThat(Authorities.isValid(authority)).isFalse();
    }
}
