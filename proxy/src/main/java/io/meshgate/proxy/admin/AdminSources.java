package io.meshgate.proxy.admin;

import io.meshgate.proxy.snapshot.ProxySnapshot;
import io.meshgate.proxy.telemetry.ProxyMetrics;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the admin listener reports on.
 *
 * @param ready true once the proxy serves its first snapshot (listeners bound)
 * @param snapshot the snapshot in force, or null before there is one
 * @param metrics the proxy's metrics
 */
public record AdminSources(BooleanSupplier ready, Supplier<@Nullable ProxySnapshot> snapshot, ProxyMetrics metrics) {
    public AdminSources {
        Objects.requireNonNull(ready, "ready");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(metrics, "metrics");
    }
}
