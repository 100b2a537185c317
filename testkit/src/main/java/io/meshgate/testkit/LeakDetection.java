package io.meshgate.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes Netty buffer leaks fail tests. Register on a test class with
 * {@code @ExtendWith(LeakDetection.class)} (or {@code @RegisterExtension}); after all tests of
 * the class it forces garbage collection, lets Netty's detector look, and fails if any leak was
 * reported. Run with {@code -Dio.netty.leakDetection.level=PARANOID} (the parent pom does) so
 * every buffer is tracked.
 *
 * <p>The recording detector must be in place before Netty creates its first buffer class: the
 * parent pom names {@link RecordingLeakDetector} in {@code -Dio.netty.customResourceLeakDetector};
 * as a fallback the extension installs a factory when it is loaded.
 */
public final class LeakDetection implements BeforeAllCallback, AfterAllCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        install();
    }

    /** Installs the recording detector factory (idempotent). */
    public static synchronized void install() {
        if (ResourceLeakDetectorFactory.instance() instanceof RecordingFactory) {
            return;
        }
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    static void record(String leak) {
        LEAKS.add(leak);
    }

    /** Leak reports so far (and forgets them). */
    public static List<String> drainLeaks() {
        List<String> out = new ArrayList<>(LEAKS);
        LEAKS.clear();
        return out;
    }

    /** Collects garbage, provokes Netty's leak check, and returns what it found. */
    public static List<String> collect() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            System.runFinalization();
            // the detector polls its reference queue when new buffers are tracked
            for (int j = 0; j < 64; j++) {
                ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(16);
                b.release();
                ByteBuf d = ByteBufAllocator.DEFAULT.buffer(16);
                d.release();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return drainLeaks();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        drainLeaks();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = collect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) in " + context.getDisplayName() + ":\n"
                    + String.join("\n", leaks));
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingLeakDetector<>(resource, samplingInterval, maxActive);
        }
    }
}
