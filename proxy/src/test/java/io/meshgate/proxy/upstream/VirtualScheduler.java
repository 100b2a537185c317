package io.meshgate.proxy.upstream;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on virtual time for tests: nothing runs until the test advances the clock,
 * then due tasks run in time order on the test's thread. {@link #execute} runs at once.
 */
public final class VirtualScheduler implements Scheduler {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now = 1_000_000_000L;
    private long sequence;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        Task t = new Task(now + Math.max(0, delayNanos), sequence++, task);
        queue.add(t);
        return () -> t.cancelled = true;
    }

    /** Moves the clock forward by {@code d}, running every task that falls due, in order. */
    public void advance(Duration d) {
        long end = now + d.toNanos();
        while (!queue.isEmpty() && queue.peek().at <= end) {
            Task t = queue.poll();
            now = Math.max(now, t.at);
            if (!t.cancelled) {
                t.task.run();
            }
        }
        now = end;
    }

    /** Number of tasks still scheduled (cancelled ones included until their time passes). */
    public int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    private static final class Task implements Comparable<Task> {
        final long at;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Task(long at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Task o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }
}
