package io.meshgate.api.gateway;

import io.meshgate.api.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Gateway's {@code spec}.
 *
 * @param gatewayClassName the GatewayClass, required; meshgate serves every Gateway it is given, whatever the class
 * @param listeners 1..64 listeners with unique names
 * @param addresses at most one IP address to bind the listeners to, default {@code 0.0.0.0}
 */
public record GatewaySpec(String gatewayClassName, List<Listener> listeners, List<GatewayAddress> addresses) {
    public GatewaySpec(@Nullable String gatewayClassName, @Nullable List<Listener> listeners,
                       @Nullable List<GatewayAddress> addresses) {
        this.gatewayClassName = Checks.requiredText(gatewayClassName, "gatewayClassName");
        this.listeners = Checks.list(listeners, "listeners");
        Checks.check(!this.listeners.isEmpty(), "listeners", "required (expected: 1..64 listeners)");
        Checks.check(this.listeners.size() <= 64, "listeners",
                this.listeners.size() + " listeners (expected: 1..64)");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < this.listeners.size(); i++) {
            String n = this.listeners.get(i).name();
            Checks.check(names.add(n), "listeners[" + i + "].name",
                    Checks.quote(n) + " (expected: unique within the Gateway)");
        }
        this.addresses = Checks.list(addresses, "addresses");
        Checks.check(this.addresses.size() <= 1, "addresses",
                this.addresses.size() + " addresses (expected: at most 1)");
    }

    /** The listener with this name, or null. */
    public @Nullable Listener listener(String name) {
        for (Listener l : listeners) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    /** The bind address: the first {@code addresses} entry, else {@code 0.0.0.0}. */
    public String bindAddress() {
        return addresses.isEmpty() ? "0.0.0.0" : addresses.get(0).value();
    }
}
