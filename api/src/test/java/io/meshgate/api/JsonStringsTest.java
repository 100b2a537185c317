package io.meshgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonStringsTest {

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(JsonStrings.escape("a\"b\\c\nd\re\tf\u0001g/é")).isEqualTo("a\\\"b\\\\c\\nd\\re\\tf\\u0001g/é");
        assertThat(JsonStrings.quote("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(JsonStrings.quote("")).isEqualTo("\"\"");
    }
}
