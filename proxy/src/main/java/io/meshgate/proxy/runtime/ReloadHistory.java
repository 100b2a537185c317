package io.meshgate.proxy.runtime;

import io.meshgate.proxy.reload.ConfigReloader;
import org.jspecify.annotations.Nullable;

/** How many config changes the gateway has tried to apply, and how the last one ended. */
public final class ReloadHistory {

    private long attempts;
    private ConfigReloader.@Nullable Attempt last;

    synchronized void record(ConfigReloader.Attempt attempt) {
        attempts++;
        last = attempt;
        notifyAll();
    }

    /** Config changes handled so far (applied or rejected). */
    public synchronized long attempts() {
        return attempts;
    }

    /** How the last change ended, or null before the first. */
    public synchronized ConfigReloader.@Nullable Attempt last() {
        return last;
    }

    /**
     * Waits until more than {@code seen} changes were handled, at most {@code timeoutMillis}.
     *
     * @return the last attempt, or null on timeout
     */
    public synchronized ConfigReloader.@Nullable Attempt awaitAfter(long seen, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (attempts <= seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
        return last;
    }
}
