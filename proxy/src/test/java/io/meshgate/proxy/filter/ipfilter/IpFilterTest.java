package io.meshgate.proxy.filter.ipfilter;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.Cidr;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.filter.ipfilter.IpFilterConfig.Action;
import io.meshgate.proxy.filter.ipfilter.IpFilterConfig.Rule;
import io.meshgate.proxy.http.Exchange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpFilterTest {

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
            "10.1.2.3,          10.0.0.0/8,          true",
            "11.1.2.3,          10.0.0.0/8,          false",
            "192.168.1.77,      192.168.1.64/26,     true",
            "192.168.1.128,     192.168.1.64/26,     false",
            "192.168.1.7,       192.168.1.7,         true",
            "192.168.1.8,       192.168.1.7/32,      false",
            "1.2.3.4,           0.0.0.0/0,           true",
            "::ffff:10.9.9.9,   10.0.0.0/8,          true",
            "2001:db8::1,       2001:db8::/32,       true",
            "2001:db9::1,       2001:db8::/32,       false",
            "2001:db8::1,       10.0.0.0/8,          false",
            "10.0.0.1,          ::/0,                false",
            "fe80::1:2,         fe80::/10,           true",
            "10.1.2.3,          10.1.2.99/24,        true",
    })
    void cidrContains(String address, String cidr, boolean contained) throws Exception {
        assertThat(Cidr.parse(cidr).contains(InetAddress.getByName(address))).isEqualTo(contained);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "10.0.0.5,     403",   // first rule denies the /30 inside the allowed /8
            "10.200.0.1,   200",
            "172.16.0.1,   403",   // default deny
            "2001:db8::7,  200",
    })
    void firstMatchingRuleDecidesElseDefault(String client, int expected) {
        IpFilter filter = new IpFilter(new IpFilterConfig(List.of(
                new Rule("block-lab", List.of(Cidr.parse("10.0.0.4/30")), Action.DENY),
                new Rule("office", List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8::/32")), Action.ALLOW)),
                Action.DENY));
        Exchange exchange = TestExchange.request().build();
        exchange.clientAddress(new InetSocketAddress(client, 1234));

        FilterResult result = filter.onRequest(exchange);

        assertThat(result instanceof FilterResult.Respond r ? r.status() : 200).isEqualTo(expected);
    }

    @Test
    void usesClientAddressNotPeer() {
        IpFilter filter = new IpFilter(new IpFilterConfig(
                List.of(new Rule("lb", List.of(Cidr.parse("127.0.0.1")), Action.DENY)), Action.ALLOW));
        Exchange exchange = TestExchange.request().remote("127.0.0.1", 5555).build();
        exchange.clientAddress(new InetSocketAddress("203.0.113.9", 0));

        assertThat(filter.onRequest(exchange)).isSameAs(FilterResult.next());
    }
}
