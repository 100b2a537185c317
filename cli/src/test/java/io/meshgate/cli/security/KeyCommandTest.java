package io.meshgate.cli.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import io.meshgate.api.security.ApiKeys;
import io.meshgate.api.security.Consumer;
import io.meshgate.api.security.ConsumerSpec;
import io.meshgate.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCommandTest {

    @TempDir
    Path dir;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private static Consumer load(String file, String yaml) {
        LoadResult r = new ConfigLoader().load(file, yaml);
        assertThat(r.errors()).isEmpty();
        return r.resources().all(Consumer.class).get(0);
    }

    @Test
    void consumerCreatePrintsLoadableYaml() {
        assertThat(run("consumer", "create", "billing", "-n", "payments", "-l", "tier=gold",
                "--cert-san", "spiffe://bank.local/service/billing")).isZero();

        Consumer c = load("billing.yaml", out.toString());
        assertThat(c.id().qualifiedName()).isEqualTo("payments/billing");
        assertThat(c.metadata().labels()).containsEntry("tier", "gold");
        assertThat(c.spec().credentials().clientCertificates()).extracting(ConsumerSpec.ClientCertificate::san)
                .containsExactly("spiffe://bank.local/service/billing");
    }

    @Test
    void consumerCreateStoresOnlyTheBcryptHashOfThePassword() {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("correct horse battery\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(run("consumer", "create", "alice", "--password-stdin")).isZero();
        } finally {
            System.setIn(stdin);
        }

        assertThat(out.toString()).doesNotContain("correct horse");
        String hash = load("alice.yaml", out.toString()).spec().credentials().basicAuth().passwordHash();
        assertThat(OpenBSDBCrypt.checkPassword(hash, "correct horse battery".toCharArray())).isTrue();
        assertThat(hash).startsWith("$2y$10$");
    }

    @Test
    void keyCreatePrintsTheKeyOnceAndTheYamlWithItsHash() {
        assertThat(run("key", "create", "alice")).isZero();

        String key = err.toString().replaceAll("(?s).*(mgk_\\S+).*", "$1");
        assertThat(key).startsWith("mgk_").hasSize(4 + 43);
        assertThat(out.toString()).doesNotContain(key).contains(ApiKeys.hash(key));
        assertThat(load("alice.yaml", out.toString()).spec().credentials().apiKeys().get(0).hash())
                .isEqualTo(ApiKeys.hash(key));
    }

    @Test
    void keyCreateRevokeAndListUpdateTheFileInPlace() throws Exception {
        Path file = dir.resolve("consumers.yaml");
        Files.writeString(file, """
                apiVersion: meshgate.io/v1alpha1
                kind: Consumer
                metadata: {name: bob, labels: {tier: silver}}
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: Consumer
                metadata: {name: alice}
                """);

        assertThat(run("key", "create", "alice", "-f", file.toString())).isZero();
        String first = out.toString().strip();
        assertThat(run("key", "create", "alice", "-f", file.toString())).isZero();
        String second = out.toString().strip();
        assertThat(run("key", "revoke", "alice", ApiKeys.id(ApiKeys.hash(first)), "-f", file.toString())).isZero();

        String yaml = Files.readString(file);
        assertThat(yaml).doesNotContain(first).doesNotContain(second);
        LoadResult r = new ConfigLoader().load("consumers.yaml", yaml);
        assertThat(r.errors()).isEmpty();
        Consumer alice = r.resources().find(Consumer.class, "default", "alice").orElseThrow();
        assertThat(alice.spec().credentials().apiKeys()).extracting(ConsumerSpec.ApiKey::hash, ConsumerSpec.ApiKey::revoked)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ApiKeys.hash(first), true),
                        org.assertj.core.groups.Tuple.tuple(ApiKeys.hash(second), false));
        assertThat(r.resources().find(Consumer.class, "default", "bob").orElseThrow().metadata().labels())
                .containsEntry("tier", "silver");

        assertThat(run("key", "list", "alice", "-f", file.toString())).isZero();
        assertThat(out.toString()).contains(ApiKeys.id(ApiKeys.hash(first)) + "  ").contains("revoked")
                .contains("active").doesNotContain("mgk_");
    }

    @Test
    void revokingAnUnknownKeyFails() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "apiVersion: meshgate.io/v1alpha1\nkind: Consumer\nmetadata: {name: carol}\n");

        assertThat(run("key", "revoke", "carol", "abcdef012345", "-f", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Consumer carol has no key abcdef012345");
    }
}
