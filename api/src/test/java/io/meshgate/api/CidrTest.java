package io.meshgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8, 10.255.1.2, true", "10.0.0.0/8, 11.0.0.1, false", "0.0.0.0/0, 1.2.3.4, true",
                "192.168.1.7, 192.168.1.7, true", "192.168.1.7, 192.168.1.8, false",
                "2001:db8::/32, 2001:db8:1::1, true", "2001:db8::/32, 2001:db9::1, false",
                "10.0.0.0/8, ::ffff:10.1.1.1, true", "10.0.0.0/8, ::1, false", "::/0, ::1, true"})
    void contains(String cidr, String address, boolean expected) throws Exception {
        // Literals only: InetAddress.getByName does no lookup for them.
        assertThat(Cidr.parse(cidr).contains(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "256.0.0.0/8", "example.com", "10.0.0.0/x", "::/129", ""})
    void rejectsBadRanges(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith('"' + text + '"');
    }
}
