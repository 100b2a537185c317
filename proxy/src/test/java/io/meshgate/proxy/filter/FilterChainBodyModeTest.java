package io.meshgate.proxy.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterChainBodyModeTest {

    static HttpFilter responseMode(BodyMode mode) {
        return new HttpFilter() {
            @Override
            public Phase phase() {
                return Phase.TRANSFORM;
            }

            @Override
            public BodyMode responseBodyMode() {
                return mode;
            }
        };
    }

    @Test
    void onlyBufferUpToFiltersStreamLargerBodies() {
        FilterChain soft = FilterChain.of(List.of(responseMode(BodyMode.bufferUpTo(100)),
                responseMode(BodyMode.bufferUpTo(300))));
        assertThat(soft.buffersResponse()).isTrue();
        assertThat(soft.responseBufferLimit()).isEqualTo(300);
        assertThat(soft.responseOverflowStreams()).isTrue();

        FilterChain mixed = FilterChain.of(List.of(responseMode(BodyMode.bufferUpTo(100)),
                responseMode(BodyMode.buffer(500)), responseMode(BodyMode.buffer(400))));
        assertThat(mixed.responseBufferLimit()).isEqualTo(400);
        assertThat(mixed.responseOverflowStreams()).isFalse();

        FilterChain none = FilterChain.of(List.of(responseMode(BodyMode.STREAM)));
        assertThat(none.buffersResponse()).isFalse();
        assertThat(none.responseBufferLimit()).isZero();
        assertThat(none.buffersRequest()).isFalse();
    }

    @Test
    void plainBufferFails() {
        assertThat(BodyMode.buffer(10)).isEqualTo(new BodyMode.Buffer(10, false));
        assertThat(BodyMode.bufferUpTo(10)).isEqualTo(new BodyMode.Buffer(10, true));
    }
}
