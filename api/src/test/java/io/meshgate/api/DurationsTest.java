package io.meshgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"0s, 0", "500ms, 500", "10s, 10000", "1m, 60000", "1h, 3600000", "1h30m, 5400000",
                "1h2m3s4ms, 3723004", "99999ms, 99999", "1s500ms, 1500"})
    void parsesGep2257(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.5s", "-1s", "1d", "100000s", "1s1s", "1h1m1s1ms1h", " 1s", "1S"})
    void rejectsEverythingElse(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith('"' + text + "\" (expected: a duration such as 10s, 500ms or 1h30m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "500ms", "10s", "1h30m", "1h2m3s4ms", "1s500ms"})
    void formatsWhatItParses(String text) {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }
}
