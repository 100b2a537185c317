package io.meshgate.proxy.snapshot;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What policy compilers may use to build their filters: the gateway's event loops (for clients
 * such as a JWKS fetcher or Redis, so no extra threads are needed), the clock and the metrics registry.
 *
 * @param eventLoops the event loops of the proxy
 * @param clock wall-clock time (tests inject a fixed or moving clock)
 * @param meterRegistry where filters register their metrics (rate-limit outcomes, Redis health, ...)
 * @param configDir the directory relative file references in policies resolve against (an
 *     OpenAPI document's {@code file}): the {@code --config} directory, or the directory of the
 *     {@code --config} file
 */
public record PolicyEnvironment(EventLoopGroup eventLoops, Clock clock, MeterRegistry meterRegistry, Path configDir) {
    public PolicyEnvironment {
        Objects.requireNonNull(eventLoops, "eventLoops");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(meterRegistry, "meterRegistry");
        Objects.requireNonNull(configDir, "configDir");
    }

    /** An environment whose relative file references resolve against the working directory. */
    public PolicyEnvironment(EventLoopGroup eventLoops, Clock clock, MeterRegistry meterRegistry) {
        this(eventLoops, clock, meterRegistry, Path.of(""));
    }
}
