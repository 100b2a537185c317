package io.meshgate.api.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.meshgate.api.gateway.Gateway;
import io.meshgate.api.route.HttpRoute;
import java.util.List;
import java.util.Set;

/**
 * A policy whose targets are those of its {@code spec}, attaching to Gateways and HTTPRoutes unless it
 * says otherwise: the attachment part every policy record shares.
 *
 * @param <S> the spec type
 */
public interface SpecPolicy<S extends PolicySpec> extends Policy {

    /** The kinds most policies attach to. */
    Set<String> GATEWAY_OR_ROUTE = Set.of(Gateway.KIND, HttpRoute.KIND);

    /** The policy's spec, with its targets. */
    S spec();

    @Override
    @JsonIgnore
    default List<PolicyTargetReference> targetRefs() {
        return spec().targetRefs();
    }

    @Override
    @JsonIgnore
    default Set<String> targetKinds() {
        return GATEWAY_OR_ROUTE;
    }
}
