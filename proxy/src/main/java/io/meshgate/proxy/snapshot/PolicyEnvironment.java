package io.meshgate.proxy.snapshot;

import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.util.Objects;

/**
 * What policy compilers may use to build their filters: the gateway's event loops (for clients
 * such as a JWKS fetcher or Redis, so no extra threads are needed) and the clock.
 *
 * @param eventLoops the event loops of the proxy
 * @param clock wall-clock time (tests inject a fixed or moving clock)
 */
public record PolicyEnvironment(EventLoopGroup eventLoops, Clock clock) {
    public PolicyEnvironment {
        Objects.requireNonNull(eventLoops, "eventLoops");
        Objects.requireNonNull(clock, "clock");
    }
}
