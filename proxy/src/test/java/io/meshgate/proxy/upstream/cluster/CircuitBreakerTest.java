package io.meshgate.proxy.upstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CircuitBreakerTest {

    private final CircuitBreaker breaker = new CircuitBreaker(new CircuitBreakerLimits(1, 2, 3, 4));

    static Stream<Arguments> counters() {
        return Stream.of(Arguments.of("connections", 1), Arguments.of("pending", 2), Arguments.of("requests", 3),
                Arguments.of("retries", 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counters")
    void refusesPastTheLimitAndAdmitsAgainAfterARelease(String counter, int limit) {
        for (int i = 0; i < limit; i++) {
            assertThat(acquire(counter).getAsBoolean()).isTrue();
        }
        assertThat(acquire(counter).getAsBoolean()).isFalse();
        assertThat(acquire(counter).getAsBoolean()).isFalse();
        release(counter).run();
        assertThat(acquire(counter).getAsBoolean()).isTrue();
        assertThat(acquire(counter).getAsBoolean()).isFalse();
    }

    @Test
    void countersAreIndependent() {
        assertThat(breaker.tryAcquireConnection()).isTrue();
        assertThat(breaker.tryAcquireConnection()).isFalse();
        assertThat(breaker.tryAcquireRequest()).isTrue();
        assertThat(breaker.tryAcquireRetry()).isTrue();
        assertThat(breaker.connections()).isEqualTo(1);
        assertThat(breaker.requests()).isEqualTo(1);
        assertThat(breaker.retries()).isEqualTo(1);
        assertThat(breaker.pending()).isZero();
    }

    @Test
    void extraReleasesNeverRaiseTheLimit() {
        breaker.releaseRequest();
        breaker.releaseRequest();
        for (int i = 0; i < 3; i++) {
            assertThat(breaker.tryAcquireRequest()).isTrue();
        }
        assertThat(breaker.tryAcquireRequest()).isFalse();
    }

    @Test
    void zeroLimitRefusesEverything() {
        CircuitBreaker closed = new CircuitBreaker(new CircuitBreakerLimits(0, 0, 0, 0));
        assertThat(closed.tryAcquireRequest()).isFalse();
        assertThat(closed.tryAcquireRetry()).isFalse();
    }

    @Test
    void limitHoldsUnderConcurrentAdmission() throws Exception {
        CircuitBreaker cb = new CircuitBreaker(new CircuitBreakerLimits(1024, 1024, 100, 1024));
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 50_000; i++) {
                    if (cb.tryAcquireRequest()) {
                        maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        admitted.incrementAndGet();
                        inFlight.decrementAndGet();
                        cb.releaseRequest();
                    }
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(maxSeen.get()).isLessThanOrEqualTo(100);
        assertThat(admitted.get()).isPositive();
        assertThat(cb.requests()).isZero();
    }

    @Test
    void negativeLimitIsRefused() {
        assertThatThrownBy(() -> new CircuitBreakerLimits(1, -1, 1, 1))
                .hasMessage("maxPendingRequests: -1 (expected: >= 0)");
    }

    private BooleanSupplier acquire(String counter) {
        return switch (counter) {
            case "connections" -> breaker::tryAcquireConnection;
            case "pending" -> breaker::tryAcquirePending;
            case "requests" -> breaker::tryAcquireRequest;
            default -> breaker::tryAcquireRetry;
        };
    }

    private Runnable release(String counter) {
        return switch (counter) {
            case "connections" -> breaker::releaseConnection;
            case "pending" -> breaker::releasePending;
            case "requests" -> breaker::releaseRequest;
            default -> breaker::releaseRetry;
        };
    }
}
