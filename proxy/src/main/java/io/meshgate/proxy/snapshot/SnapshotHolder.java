package io.meshgate.proxy.snapshot;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The current {@link ProxySnapshot}, swapped atomically, with subscribers told of each swap
 * (listener binding, cluster cleanup). Requests read {@link #current()} once, when routed.
 */
public final class SnapshotHolder {

    private final AtomicReference<ProxySnapshot> current;
    private final List<Consumer<ProxySnapshot>> subscribers = new CopyOnWriteArrayList<>();

    /** Holds {@code initial} as the current snapshot. */
    public SnapshotHolder(ProxySnapshot initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** The snapshot in force now. */
    public ProxySnapshot current() {
        return current.get();
    }

    /** Makes {@code next} current and tells the subscribers, in subscription order. */
    public void swap(ProxySnapshot next) {
        current.set(Objects.requireNonNull(next, "next"));
        for (Consumer<ProxySnapshot> s : subscribers) {
            s.accept(next);
        }
    }

    /** Calls {@code subscriber} on every future swap. */
    public void subscribe(Consumer<ProxySnapshot> subscriber) {
        subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
    }
}
