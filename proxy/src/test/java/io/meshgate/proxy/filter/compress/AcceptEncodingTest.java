package io.meshgate.proxy.filter.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {

    private static final List<Coding> BOTH = List.of(Coding.GZIP, Coding.DEFLATE);

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "gzip | GZIP",
            "deflate | DEFLATE",
            "gzip, deflate, br | GZIP",
            "deflate, gzip | GZIP",                      // a tie goes to the configured preference
            "gzip;q=0.5, deflate | DEFLATE",
            "gzip;q=0, deflate;q=0.1 | DEFLATE",
            "gzip;q=0 | none",
            "br | none",
            "identity | none",
            "* | GZIP",
            "*;q=0.2, gzip;q=0.1 | DEFLATE",             // the named weight beats the wildcard for gzip
            "*;q=0 | none",
            "x-gzip | GZIP",
            "GZIP;Q=1.0 | GZIP",
            "gzip ; q=0.8 , deflate ; q=0.9 | DEFLATE",
            "gzip;q=abc | none",
            "'' | none",
            " , , gzip | GZIP",
    })
    void negotiates(String header, String expected) {
        Coding chosen = AcceptEncoding.negotiate(header, BOTH);
        assertThat(chosen == null ? null : chosen.name()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"gzip, deflate", "*"})
    void onlyOfferedCodingsAreChosen(String header) {
        assertThat(AcceptEncoding.negotiate(header, List.of(Coding.DEFLATE))).isEqualTo(Coding.DEFLATE);
    }

    @org.junit.jupiter.api.Test
    void noHeaderMeansNoCoding() {
        assertThat(AcceptEncoding.negotiate(null, BOTH)).isNull();
    }
}
