package io.meshgate.cli.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import io.meshgate.api.Validator;
import io.meshgate.api.apimgmt.ApiDocs;
import io.meshgate.api.apimgmt.RequestValidation;
import io.meshgate.api.apimgmt.ResponseCache;
import io.meshgate.proxy.filter.apidocs.ApiDocsCompiler;
import io.meshgate.proxy.filter.cache.ResponseCacheCompiler;
import io.meshgate.proxy.filter.validation.RequestValidationCompiler;
import io.meshgate.proxy.snapshot.PolicyContext;
import io.meshgate.proxy.snapshot.PolicyEnvironment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** examples/api-management loads, validates and compiles, and its generated file is what import-openapi makes today. */
class ApiManagementExampleTest {

    static final Path EXAMPLE = Path.of("..", "examples", "api-management");

    @TempDir
    Path dir;

    @Test
    void theExampleLoadsValidatesAndCompiles() {
        LoadResult loaded = new ConfigLoader().load(EXAMPLE);
        assertThat(loaded.errors()).isEmpty();
        Validator.Result validated = new Validator(loaded.resources()).validate();
        assertThat(validated.errors()).isEmpty();
        assertThat(validated.warnings()).isEmpty();

        PolicyContext ctx = new PolicyContext("default", "bank-accounts-api", 0, "operations", "default", "bank", "http",
                8080, "default/bank-accounts-api/rule/0", loaded.resources());
        DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
        try {
            PolicyEnvironment env = new PolicyEnvironment(loops, Clock.systemUTC(), new SimpleMeterRegistry(), dir);
            assertThat(new RequestValidationCompiler(env).filters(
                    loaded.resources().all(RequestValidation.class).get(0), ctx)).hasSize(1);
            assertThat(new ApiDocsCompiler(env).filters(loaded.resources().all(ApiDocs.class).get(0), ctx)).hasSize(1);
            assertThat(new ResponseCacheCompiler(env).filters(
                    loaded.resources().all(ResponseCache.class).get(0), ctx)).hasSize(1);
        } finally {
            loops.shutdownGracefully();
        }
    }

    @Test
    void theGeneratedRoutesAreUpToDate() throws Exception {
        Files.copy(EXAMPLE.resolve("../accounts-openapi.yaml"), dir.resolve("accounts-openapi.yaml"));
        Path out = Files.createDirectories(dir.resolve("api-management")).resolve("accounts-api.yaml");
        int rc = new CommandLine(new ImportOpenApiCommand()).execute(dir.resolve("accounts-openapi.yaml").toString(),
                "--backend", "accounts", "--port", "9101", "--gateway", "bank", "--docs", "--out", out.toString());
        assertThat(rc).isZero();
        assertThat(Files.readString(EXAMPLE.resolve("accounts-api.yaml")))
                .as("regenerate examples/api-management/accounts-api.yaml with the command in docs/api-management.md")
                .isEqualTo(Files.readString(out));
    }
}
