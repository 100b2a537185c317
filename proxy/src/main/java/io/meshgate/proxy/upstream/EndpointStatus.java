package io.meshgate.proxy.upstream;

/**
 * What a cluster reports about one endpoint, for the admin listener and metrics.
 *
 * @param endpoint the endpoint
 * @param healthy false when active health checks failed it
 * @param ejected true while outlier detection ejects it
 * @param activeRequests tries in flight at it
 */
public record EndpointStatus(Endpoint endpoint, boolean healthy, boolean ejected, int activeRequests) {
}
