package io.meshgate.proxy.snapshot;

import static io.meshgate.proxy.snapshot.Compiling.get;
import static io.meshgate.proxy.snapshot.Compiling.match;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigError;
import io.meshgate.proxy.filter.FilterChain;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.apidocs.ApiDocsFilter;
import io.meshgate.proxy.filter.cache.ResponseCacheFilter;
import io.meshgate.proxy.filter.validation.RequestValidationFilter;
import io.meshgate.proxy.filter.validation.RequestValidationCompiler;
import io.meshgate.proxy.filter.apidocs.ApiDocsCompiler;
import io.meshgate.proxy.filter.cache.ResponseCacheCompiler;
import io.meshgate.proxy.route.Route;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated example config compiles into routes whose chains hold the API management filters. */
class ApiManagementSnapshotTest {

    static final Path EXAMPLE = Path.of("..", "examples", "api-management");
    static final DefaultEventLoopGroup LOOPS = new DefaultEventLoopGroup(1);

    final Compiling c = new Compiling();

    @AfterAll
    static void stop() {
        LOOPS.shutdownGracefully();
    }

    @BeforeEach
    void policies() {
        PolicyEnvironment env = new PolicyEnvironment(LOOPS, Clock.systemUTC(), new SimpleMeterRegistry(), EXAMPLE);
        c.policies.add(new RequestValidationCompiler(env));
        c.policies.add(new ResponseCacheCompiler(env));
        c.policies.add(new ApiDocsCompiler(env));
    }

    static String example() throws Exception {
        return Files.readString(EXAMPLE.resolve("gateway.yaml")) + "\n---\n" + Files.readString(EXAMPLE.resolve("accounts-api.yaml"))
                + "\n---\n" + Files.readString(EXAMPLE.resolve("cache.yaml"));
    }

    static List<Class<?>> filters(Route r) {
        FilterChain chain = r.filters();
        List<Class<?>> types = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            HttpFilter f = chain.get(i);
            types.add(f.getClass());
        }
        return types;
    }

    @Test
    void operationsGetValidationAndCacheDocsGetTheDocsFilter() throws Exception {
        ProxySnapshot s = c.apply(example());
        Route account = get(s, 8080, "bank.example", "/accounts/alice");
        assertThat(account.id()).isEqualTo("default/bank-accounts-api/rule/0");
        assertThat(filters(account)).containsExactly(RequestValidationFilter.class, ResponseCacheFilter.class);
        assertThat(account.filters().buffersRequest()).isTrue();
        assertThat(account.filters().responseOverflowStreams()).isTrue();

        assertThat(match(s, 8080, "POST", "bank.example", "/accounts/alice/transfers")).isNotNull();
        assertThat(match(s, 8080, "HEAD", "bank.example", "/accounts")).isNotNull();
        assertThat(match(s, 8080, "DELETE", "bank.example", "/accounts/alice")).as("no such operation").isNull();
        assertThat(match(s, 8080, "GET", "bank.example", "/accounts/alice/x")).isNull();

        Route docs = get(s, 8080, "bank.example", "/docs/swagger-ui.css");
        assertThat(filters(docs)).containsExactly(ApiDocsFilter.class);
        assertThat(filters(get(s, 8080, "bank.example", "/openapi.json"))).containsExactly(ApiDocsFilter.class);
    }

    @Test
    void aChangedDocumentRecompilesTheRoutesThoughNoResourceChanged(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Files.copy(EXAMPLE.resolve("../accounts-openapi.yaml"), dir.resolve("accounts-openapi.yaml"));
        Compiling fresh = new Compiling();
        PolicyEnvironment env = new PolicyEnvironment(LOOPS, Clock.systemUTC(), new SimpleMeterRegistry(), dir);
        fresh.policies.add(new RequestValidationCompiler(env));
        String yaml = example().replace("file: ../accounts-openapi.yaml", "file: accounts-openapi.yaml");
        ProxySnapshot first = fresh.apply(yaml);
        HttpFilter before = get(first, 8080, "bank.example", "/accounts/alice").filters().get(0);
        assertThat(get(fresh.apply(yaml), 8080, "bank.example", "/accounts/alice").filters().get(0))
                .as("nothing changed: the compiled route is reused").isSameAs(before);
        Files.writeString(dir.resolve("accounts-openapi.yaml"), Files.readString(dir.resolve("accounts-openapi.yaml"))
                .replace("maximum: 100", "maximum: 50"));
        assertThat(get(fresh.apply(yaml), 8080, "bank.example", "/accounts/alice").filters().get(0))
                .isInstanceOf(RequestValidationFilter.class).isNotSameAs(before);
    }

    @Test
    void anUnusableDocumentRejectsTheConfigNamingFileResourceAndField() throws Exception {
        String bad = example().replace("file: ../accounts-openapi.yaml", "file: missing.yaml");
        SnapshotCompiler.Result r = c.compile(bad);
        assertThat(r).isInstanceOf(SnapshotCompiler.Result.Rejected.class);
        List<ConfigError> errors = ((SnapshotCompiler.Result.Rejected) r).errors();
        assertThat(errors).isNotEmpty().allSatisfy(e -> {
            assertThat(e.file()).isEqualTo("test.yaml");
            assertThat(e.fieldPath()).isEqualTo("spec.openapi.file");
            assertThat(e.reason()).startsWith("cannot read ");
        });
        assertThat(errors).extracting(ConfigError::resource).anySatisfy(res -> assertThat(res).contains("RequestValidation"));
    }
}
