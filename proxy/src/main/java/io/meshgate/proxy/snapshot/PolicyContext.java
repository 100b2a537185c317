package io.meshgate.proxy.snapshot;

import io.meshgate.api.ResourceSet;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the filters of a policy will run: one rule of one HTTPRoute, as served through one
 * Gateway listener. Passed to {@link PolicyCompiler#filters}.
 *
 * @param routeNamespace the HTTPRoute's namespace
 * @param routeName the HTTPRoute's name
 * @param ruleIndex the rule's index in the route
 * @param ruleName the rule's name, or null
 * @param gatewayNamespace the parent Gateway's namespace
 * @param gatewayName the parent Gateway's name
 * @param listenerName the listener the route is attached to
 * @param listenerPort that listener's port
 * @param routeId the id of the compiled route ({@code namespace/name/rule/i}), for metric labels and logs
 * @param resources every resource of the snapshot being compiled (e.g. to look up Consumers or Secrets)
 */
public record PolicyContext(String routeNamespace, String routeName, int ruleIndex, @Nullable String ruleName,
                            String gatewayNamespace, String gatewayName, String listenerName, int listenerPort,
                            String routeId, ResourceSet resources) {
    public PolicyContext {
        Objects.requireNonNull(routeNamespace, "routeNamespace");
        Objects.requireNonNull(routeName, "routeName");
        Objects.requireNonNull(gatewayNamespace, "gatewayNamespace");
        Objects.requireNonNull(gatewayName, "gatewayName");
        Objects.requireNonNull(listenerName, "listenerName");
        Objects.requireNonNull(routeId, "routeId");
        Objects.requireNonNull(resources, "resources");
    }

    /** A context without the resource set (tests of compilers that do not look resources up). */
    public PolicyContext(String routeNamespace, String routeName, int ruleIndex, @Nullable String ruleName,
                         String gatewayNamespace, String gatewayName, String listenerName, int listenerPort,
                         String routeId) {
        this(routeNamespace, routeName, ruleIndex, ruleName, gatewayNamespace, gatewayName, listenerName,
                listenerPort, routeId, ResourceSet.empty());
    }
}
