package io.meshgate.api.policy;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * One static endpoint of a Backend.
 *
 * @param address an IP literal or a DNS name (resolved when connecting), required
 * @param port TCP port, required (1..65535)
 * @param weight relative load-balancing weight, default 1 (1..1000000)
 */
public record BackendEndpoint(String address, Integer port, Integer weight) {
    public BackendEndpoint(@Nullable String address, @Nullable Integer port, @Nullable Integer weight) {
        this.address = Checks.requiredText(address, "address");
        Checks.check(this.address.matches("[A-Za-z0-9._\\-:\\[\\]%]+") && !this.address.contains("://"),
                "address", Checks.quote(this.address) + " (expected: an IP address or DNS name, without port)");
        this.port = Checks.range(Checks.required(port, "port"), 1, 65535, "port");
        this.weight = Checks.range(Checks.orDefault(weight, 1), 1, 1_000_000, "weight");
    }
}
