package io.meshgate.proxy.upstream.lb;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.TestExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HashKeyTest {

    private static final HashKey SESSION = HashKey.cookie("session");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            session=abc                          | abc
            a=1; session=abc                     | abc
            a=1;session=abc; b=2                 | abc
            xsession=zzz; session=abc            | abc
            session="abc"                        | abc
            sessionx=zzz; session=abc;           | abc
            """)
    void cookieValueIsFoundWherever(String header, String value) {
        long h = SESSION.hash(TestExchange.request().header("cookie", header).build());
        long expected = SESSION.hash(TestExchange.request().header("cookie", "session=" + value).build());
        assertThat(h).isNotEqualTo(HashKey.ABSENT).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            other=abc
            xsession=abc
            sessionid=abc
            session
            """)
    void missingCookieIsAbsent(String header) {
        assertThat(SESSION.hash(TestExchange.request().header("cookie", header).build())).isEqualTo(HashKey.ABSENT);
    }

    @Test
    void cookieInASecondCookieHeaderCounts() {
        // HTTP/2 clients may split cookies over several cookie fields (RFC 9113 §8.2.3).
        long h = SESSION.hash(TestExchange.request().header("cookie", "a=1").header("cookie", "session=abc").build());
        assertThat(h).isEqualTo(SESSION.hash(TestExchange.request().header("cookie", "session=abc").build()));
    }

    @Test
    void differentValuesHashDifferently() {
        HashKey key = HashKey.header("x-user");
        assertThat(key.hash(TestExchange.request().header("x-user", "alice").build()))
                .isNotEqualTo(key.hash(TestExchange.request().header("x-user", "bob").build()));
        assertThat(key.hash(TestExchange.request().build())).isEqualTo(HashKey.ABSENT);
    }

    @Test
    void sourceIpUsesTheClientAddress() {
        HashKey key = HashKey.sourceIp();
        long a = key.hash(TestExchange.request().remote("192.0.2.1", 1000).build());
        assertThat(key.hash(TestExchange.request().remote("192.0.2.1", 2000).build())).isEqualTo(a);
        assertThat(key.hash(TestExchange.request().remote("192.0.2.2", 1000).build())).isNotEqualTo(a);
        assertThat(key.hash(TestExchange.request().remote("2001:db8::1", 1000).build())).isNotEqualTo(HashKey.ABSENT);
    }
}
