package io.meshgate.proxy.upstream;

/**
 * Time and timers for cluster policies (health checks, outlier detection). Production code runs
 * on one Netty event loop ({@link EventLoopScheduler}); tests use virtual time, so nothing sleeps.
 * Tasks run one at a time, on the scheduler's thread.
 */
public interface Scheduler {

    /** A monotonic clock in nanoseconds (like {@link System#nanoTime()}). */
    long nanoTime();

    /** Runs {@code task} on the scheduler's thread as soon as possible. */
    void execute(Runnable task);

    /** Runs {@code task} on the scheduler's thread after {@code delayNanos}. */
    Cancellable schedule(Runnable task, long delayNanos);

    /** A scheduled task that can still be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not run yet. */
        void cancel();
    }
}
