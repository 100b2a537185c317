package io.meshgate.proxy.filter.ipfilter;

import io.meshgate.api.Cidr;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of {@link IpFilter}: ordered rules, the first whose networks contain the client
 * address decides; when none does, {@code defaultAction} decides.
 *
 * @param rules the rules in evaluation order
 * @param defaultAction what happens to a client no rule matches
 */
public record IpFilterConfig(List<Rule> rules, Action defaultAction) {

    public IpFilterConfig {
        rules = List.copyOf(rules);
        Objects.requireNonNull(defaultAction, "defaultAction");
    }

    /** What a rule does with a request it matches. */
    public enum Action { ALLOW, DENY }

    /**
     * One rule.
     *
     * @param name a name for logs and the 403 body
     * @param clientCidrs the networks; a client in any of them matches (expected: not empty)
     * @param action allow or deny
     */
    public record Rule(String name, List<Cidr> clientCidrs, Action action) {
        public Rule {
            Objects.requireNonNull(name, "name");
            clientCidrs = List.copyOf(clientCidrs);
            Objects.requireNonNull(action, "action");
            if (clientCidrs.isEmpty()) {
                throw new IllegalArgumentException("clientCidrs: [] (expected: at least one network)");
            }
        }

        /** Whether the client at {@code address} is in one of the rule's networks. */
        public boolean matches(InetAddress address) {
            for (Cidr block : clientCidrs) {
                if (block.contains(address)) {
                    return true;
                }
            }
            return false;
        }
    }
}
