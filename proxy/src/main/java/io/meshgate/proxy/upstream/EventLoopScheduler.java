package io.meshgate.proxy.upstream;

import io.netty.channel.EventLoop;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on one Netty event loop with the system's monotonic clock. */
public final class EventLoopScheduler implements Scheduler {

    private final EventLoop loop;

    /** Schedules on {@code loop}. */
    public EventLoopScheduler(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** The event loop tasks run on. */
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> f = loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
