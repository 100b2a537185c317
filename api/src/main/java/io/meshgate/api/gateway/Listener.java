package io.meshgate.api.gateway;

import io.meshgate.api.Hostnames;
import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * One Gateway listener: a port, a protocol and the routes it accepts.
 *
 * @param name unique within the Gateway, required (RFC 1123 label); what a route's {@code sectionName} names
 * @param hostname only requests for this host (exact, or {@code *.} wildcard) reach the listener's routes;
 *     null accepts every host
 * @param port TCP port, required (1..65535). Listeners of several Gateways on one port share it.
 * @param protocol HTTP or HTTPS, required
 * @param tls certificates; required for HTTPS, must be absent for HTTP
 * @param allowedRoutes which routes may attach, default HTTPRoutes from the Gateway's namespace
 */
public record Listener(String name, @Nullable String hostname, Integer port, ListenerProtocol protocol,
                       @Nullable GatewayTlsConfig tls, AllowedRoutes allowedRoutes) {

    public Listener(@Nullable String name, @Nullable String hostname, @Nullable Integer port,
                    @Nullable ListenerProtocol protocol, @Nullable GatewayTlsConfig tls,
                    @Nullable AllowedRoutes allowedRoutes) {
        this.name = Checks.dnsLabel(Checks.requiredText(name, "name"), "name");
        if (hostname != null) {
            String problem = Hostnames.problem(hostname);
            if (problem != null) {
                throw Checks.invalid("hostname", problem);
            }
        }
        this.hostname = hostname;
        this.port = Checks.range(Checks.required(port, "port"), 1, 65535, "port");
        this.protocol = Checks.required(protocol, "protocol");
        if (protocol == ListenerProtocol.HTTPS) {
            Checks.check(tls != null && !tls.certificateRefs().isEmpty(), "tls.certificateRefs",
                    "required when protocol is HTTPS");
        } else {
            Checks.check(tls == null, "tls", "must be absent when protocol is " + protocol);
        }
        this.tls = tls;
        this.allowedRoutes = Checks.orDefault(allowedRoutes, AllowedRoutes.DEFAULT);
    }
}
