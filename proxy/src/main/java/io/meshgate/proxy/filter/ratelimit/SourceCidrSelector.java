package io.meshgate.proxy.filter.ratelimit;

import io.meshgate.api.Cidr;
import io.meshgate.proxy.http.Exchange;
import java.net.InetAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Selects requests by client IP (after the listener's trusted X-Forwarded-For handling).
 * {@link ClientSelector.Match#EXACT}: every address of the block shares one bucket;
 * {@link ClientSelector.Match#DISTINCT}: each address of the block gets its own.
 *
 * @param cidr the address block
 * @param match EXACT or DISTINCT
 */
public record SourceCidrSelector(Cidr cidr, ClientSelector.Match match) implements ClientSelector {

    public SourceCidrSelector {
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(match, "match");
        if (match == Match.REGULAR_EXPRESSION) {
            throw new IllegalArgumentException("match: " + match + " (expected: EXACT or DISTINCT)");
        }
    }

    @Override
    public boolean isDistinct() {
        return match == Match.DISTINCT;
    }

    @Override
    public @Nullable String select(Exchange exchange) {
        InetAddress address = exchange.clientAddress().getAddress();
        if (address == null || !cidr.contains(address)) {
            return null;
        }
        return match == Match.DISTINCT ? address.getHostAddress() : SHARED;
    }
}
