package io.meshgate.api.gateway;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A Gateway address ({@code spec.addresses} entry): the local address the listeners bind to.
 *
 * @param type {@code IPAddress} (the only type supported), default IPAddress
 * @param value an IPv4 or IPv6 literal, e.g. {@code 127.0.0.1} or {@code ::}, required
 */
public record GatewayAddress(String type, String value) {
    public GatewayAddress(@Nullable String type, @Nullable String value) {
        this.type = Checks.orDefault(type, "IPAddress");
        Checks.check(this.type.equals("IPAddress"), "type",
                Checks.quote(this.type) + " (expected: IPAddress)");
        this.value = Checks.requiredText(value, "value");
        Checks.check(this.value.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*"), "value",
                Checks.quote(this.value) + " (expected: an IP address)");
    }
}
