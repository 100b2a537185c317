package io.meshgate.proxy.filter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CacheControlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "max-age=60 | 60 | -1 | false | false | false",
            "MAX-AGE=60, s-maxage=\"120\" | 60 | 120 | false | false | false",
            "no-store | -1 | -1 | true | false | false",
            "private=\"set-cookie, x-a\", max-age=5 | 5 | -1 | false | false | true",
            "no-cache=\"set-cookie\" | -1 | -1 | false | true | false",
            "max-age=abc, max-age=-1, max-age= | -1 | -1 | false | false | false",
            "max-age=99999999999 | 2147483648 | -1 | false | false | false",
            "public,,max-age=1,unknown=x | 1 | -1 | false | false | false",
    })
    void parses(String header, long maxAge, long sMaxAge, boolean noStore, boolean noCache, boolean isPrivate) {
        CacheControl cc = CacheControl.parse(List.of(header));
        assertThat(cc.maxAge()).isEqualTo(maxAge);
        assertThat(cc.sMaxAge()).isEqualTo(sMaxAge);
        assertThat(cc.noStore()).isEqualTo(noStore);
        assertThat(cc.noCache()).isEqualTo(noCache);
        assertThat(cc.isPrivate()).isEqualTo(isPrivate);
    }

    @Test
    void combinesFieldLines() {
        CacheControl cc = CacheControl.parse(List.of("public", "s-maxage=10", "must-revalidate"));
        assertThat(cc.isPublic()).isTrue();
        assertThat(cc.sMaxAge()).isEqualTo(10);
        assertThat(cc.mustRevalidate()).isTrue();
        assertThat(CacheControl.parse(List.of())).isEqualTo(CacheControl.NONE);
    }
}
