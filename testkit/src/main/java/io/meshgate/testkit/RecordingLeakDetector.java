package io.meshgate.testkit;

import io.netty.util.ResourceLeakDetector;

/**
 * A Netty leak detector that also records each report for {@link LeakDetection}. The parent pom
 * names it in {@code -Dio.netty.customResourceLeakDetector}, so Netty uses it from the first buffer
 * on, whichever test loads Netty first.
 *
 * @param <T> the tracked resource type
 */
public class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    /** The constructor Netty calls for a custom detector. */
    @SuppressWarnings("deprecation")
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval, maxActive);
    }

    /** The constructor Netty calls for a custom detector (older signature). */
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        this(resourceType, samplingInterval, Long.MAX_VALUE);
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LeakDetection.record("LEAK " + resourceType + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LeakDetection.record("LEAK " + resourceType + " (untraced)");
        super.reportUntracedLeak(resourceType);
    }
}
