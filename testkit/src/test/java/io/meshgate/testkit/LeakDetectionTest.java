package io.meshgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak detector the ITs rely on really reports a leaked buffer (a check that could not fail would be worthless). */
class LeakDetectionTest {

    static {
        LeakDetection.install();
    }

    @Test
    void reportsALeakedBuffer() {
        LeakDetection.drainLeaks();
        leak();
        assertThat(LeakDetection.collect()).isNotEmpty();
    }

    @Test
    void reportsNothingWhenBuffersAreReleased() {
        LeakDetection.collect();
        ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(64);
        b.writeInt(1);
        b.release();
        assertThat(LeakDetection.collect()).isEmpty();
    }

    private static void leak() {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(64);
        b.writeInt(42); // never released
    }
}
