package io.meshgate.proxy.filter.auth.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.security.ApiKeys;
import io.meshgate.proxy.filter.auth.AuthenticatedIdentity;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyDigestTableTest {

    @Test
    void findsEveryAdmittedKeyAmongManyAndNoOther() {
        SecureRandom random = new SecureRandom();
        Map<String, String> byHash = new HashMap<>();
        Map<String, String> consumerByKey = new HashMap<>();
        for (int i = 0; i < 300; i++) { // enough for slots to collide and probe
            String key = ApiKeys.generate(random);
            byHash.put(ApiKeys.hash(key), "c" + i);
            consumerByKey.put(key, "c" + i);
        }
        KeyDigestTable table = new KeyDigestTable(byHash);

        consumerByKey.forEach((key, consumer) -> assertThat(table.find(key))
                .isEqualTo(new AuthenticatedIdentity(consumer, AuthenticatedIdentity.Method.API_KEY)));
        for (int i = 0; i < 300; i++) {
            assertThat(table.find(ApiKeys.generate(random))).isNull();
        }
    }

    @Test
    void hashesNonAsciiAndLongKeysAsUtf8LikeTheStoredForm() {
        String accented = "clé-été-ключ";
        String longKey = "k".repeat(1000);
        KeyDigestTable table = new KeyDigestTable(Map.of(ApiKeys.hash(accented), "a", ApiKeys.hash(longKey), "b"));

        assertThat(table.find(accented).consumer()).isEqualTo("a");
        assertThat(table.find(longKey).consumer()).isEqualTo("b");
        assertThat(table.find("k".repeat(999))).isNull();
        assertThat(table.find("cle-ete-ключ")).isNull();
    }

    @Test
    void emptyTableAdmitsNothing() {
        assertThat(new KeyDigestTable(Map.of()).find("mgk_anything")).isNull();
        assertThat(new KeyDigestTable(Map.of()).find("")).isNull();
    }
}
