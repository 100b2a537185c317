package io.meshgate.proxy.filter.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.api.ConfigLoader;
import io.meshgate.api.ResourceSet;
import io.meshgate.api.apimgmt.ApiDocs;
import io.meshgate.api.apimgmt.RequestValidation;
import io.meshgate.api.apimgmt.ResponseCache;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.apidocs.ApiDocsCompiler;
import io.meshgate.proxy.filter.apidocs.ApiDocsFilter;
import io.meshgate.proxy.filter.cache.ResponseCacheCompiler;
import io.meshgate.proxy.filter.cache.ResponseCacheFilter;
import io.meshgate.proxy.snapshot.PolicyContext;
import io.meshgate.proxy.snapshot.PolicyEnvironment;
import io.meshgate.proxy.snapshot.PolicyTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiPolicyCompilersTest {


    static final DefaultEventLoopGroup LOOPS = new DefaultEventLoopGroup(1);
    static final PolicyContext RULE0 = new PolicyContext("default", "accounts", 0, null, "default", "gw", "http", 8080,
            "default/accounts/rule/0");
    static final PolicyContext RULE1 = new PolicyContext("default", "accounts", 1, null, "default", "gw", "http", 8080,
            "default/accounts/rule/1");

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        LOOPS.shutdownGracefully();
    }

    ResourceSet load(String yaml) {
        return new ConfigLoader().load("p.yaml", yaml).resources(); // the targeted route is not part of this test
    }

    static String policy(String kind, String spec) {
        return "apiVersion: meshgate.io/v1alpha1\nkind: " + kind + "\nmetadata: {name: p, namespace: bank}\nspec:\n"
                + "  targetRefs: [{kind: HTTPRoute, name: accounts, sectionName: reads}]\n" + spec;
    }

    @Test
    void validationFilterIsSharedByRulesAndRebuiltWhenTheFileChanges() throws Exception {
        Files.copy(Path.of("../examples/accounts-openapi.yaml"), dir.resolve("accounts.yaml"));
        RequestValidationCompiler c = new RequestValidationCompiler(new PolicyEnvironment(LOOPS, Clock.systemUTC(), new SimpleMeterRegistry(), dir));
        RequestValidation p = load(policy("RequestValidation", "  openapi: {file: accounts.yaml}\n"))
                .all(RequestValidation.class).get(0);
        assertThat(c.targets(p)).containsExactly(new PolicyTarget("HTTPRoute", "bank", "accounts", "reads"));
        List<HttpFilter> a = c.filters(p, RULE0);
        assertThat(a).singleElement().isInstanceOf(RequestValidationFilter.class);
        assertThat(c.filters(p, RULE1).get(0)).isSameAs(a.get(0));
        Files.writeString(dir.resolve("accounts.yaml"), Files.readString(dir.resolve("accounts.yaml"))
                .replace("Bank Accounts API", "Bank Accounts API v2"));
        assertThat(c.filters(p, RULE0).get(0)).isNotSameAs(a.get(0));
    }

    @Test
    void relativeFilesResolveAgainstThePolicysOwnFile() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("apis"));
        Files.copy(Path.of("../examples/accounts-openapi.yaml"), sub.resolve("accounts.yaml"));
        Files.writeString(sub.resolve("policy.yaml"), policy("RequestValidation", "  openapi: {file: accounts.yaml}\n"));
        ResourceSet resources = new ConfigLoader().load(dir).resources();
        RequestValidation p = resources.all(RequestValidation.class).get(0);
        PolicyContext ctx = new PolicyContext("bank", "accounts", 0, null, "bank", "gw", "http", 8080,
                "bank/accounts/rule/0", resources);
        RequestValidationCompiler c = new RequestValidationCompiler(
                new PolicyEnvironment(LOOPS, Clock.systemUTC(), new SimpleMeterRegistry(), dir));
        assertThat(c.filters(p, ctx)).singleElement().isInstanceOf(RequestValidationFilter.class);
    }

    @Test
    void documentErrorsNameTheFieldFileAndPlace() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "openapi: 3.0.0\npaths: {/a: {get: {parameters: [{in: query}]}}}\n");
        RequestValidationCompiler c = new RequestValidationCompiler(new PolicyEnvironment(LOOPS, Clock.systemUTC(), new SimpleMeterRegistry(), dir));
        RequestValidation bad = load(policy("RequestValidation", "  openapi: {file: bad.yaml}\n"))
                .all(RequestValidation.class).get(0);
        assertThatThrownBy(() -> c.filters(bad, RULE0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("openapi.file: bad.yaml at /paths/~1a/get/parameters/0/name: missing (expected: the parameter name)");
        RequestValidation missing = load(policy("RequestValidation", "  openapi: {file: nope.yaml}\n"))
                .all(RequestValidation.class).get(0);
        assertThatThrownBy(() -> c.filters(missing, RULE0)).hasMessageStartingWith("openapi.file: cannot read ");
        RequestValidation inline = load(policy("RequestValidation", "  openapi: {inline: 'swagger: \"2.0\"'}\n"))
                .all(RequestValidation.class).get(0);
        assertThatThrownBy(() -> c.filters(inline, RULE0)).hasMessage("openapi.inline: at /swagger: "
                + "Swagger 2.0 is not supported (expected: OpenAPI 3.0 or 3.1; convert it first)");
    }

    @Test
    void cacheRulesShareOneStoreAcrossReloadsOfAnUnchangedPolicy() {
        ResponseCacheCompiler c = new ResponseCacheCompiler(new PolicyEnvironment(LOOPS, Clock.systemUTC(), new SimpleMeterRegistry()));
        ResponseCache p = load(policy("ResponseCache", "  defaultTtl: 10s\n")).all(ResponseCache.class).get(0);
        assertThat(c.filters(p, RULE0)).singleElement().isInstanceOf(ResponseCacheFilter.class);
        assertThat(c.filters(p, RULE1).get(0)).isNotSameAs(c.filters(p, RULE0).get(0));
    }

    @Test
    void docsFilterFromInlineDocument() {
        ApiDocsCompiler c = new ApiDocsCompiler(new PolicyEnvironment(LOOPS, Clock.systemUTC(), new SimpleMeterRegistry()));
        ApiDocs p = load(policy("ApiDocs", "  openapi: {inline: 'openapi: 3.1.0'}\n  uiPath: /ui\n"))
                .all(ApiDocs.class).get(0);
        List<HttpFilter> f = c.filters(p, RULE0);
        assertThat(f).singleElement().isInstanceOf(ApiDocsFilter.class);
        assertThat(c.filters(p, RULE1).get(0)).isSameAs(f.get(0));
    }
}
