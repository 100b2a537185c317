package io.meshgate.api.apimgmt.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplateTest {

    @ParameterizedTest
    @CsvSource({
            "/accounts, /accounts, true",
            "/accounts, /accounts/, false",
            "/accounts/{id}, /accounts/alice, true",
            "/accounts/{id}, /accounts/, false",
            "/accounts/{id}, /accounts/a/b, false",
            "/reports/{name}.{format}, /reports/q3.pdf, true",
            "/reports/{name}.{format}, /reports/q3, false",
            "/a.b/{x}, /aXb/1, false",
    })
    void matches(String template, String path, boolean matches) {
        assertThat(PathTemplate.of(template).match(path) != null).isEqualTo(matches);
    }

    @Test
    void extractsRawVariables() {
        assertThat(PathTemplate.of("/accounts/{id}/tx/{tx}").match("/accounts/al%20ice/tx/7"))
                .containsExactly(Map.entry("id", "al%20ice"), Map.entry("tx", "7"));
    }

    @Test
    void regexAndPrefixForGatewayApi() {
        PathTemplate t = PathTemplate.of("/v1.0/accounts/{id}/transfers");
        assertThat(t.toRegex()).isEqualTo("/v1\\.0/accounts/[^/]+/transfers");
        assertThat("/v1.0/accounts/alice/transfers").matches(t.toRegex());
        assertThat(t.literalPrefix()).isEqualTo("/v1.0/accounts");
        assertThat(PathTemplate.of("/{id}").literalPrefix()).isEqualTo("/");
        assertThat(PathTemplate.of("/accounts").literalPrefix()).isEqualTo("/accounts");
    }

    @Test
    void concreteSegmentsSortFirst() {
        List<PathTemplate> ts = new ArrayList<>(List.of(PathTemplate.of("/accounts/{id}"),
                PathTemplate.of("/accounts/{id}.{fmt}"), PathTemplate.of("/accounts/me"), PathTemplate.of("/{x}/me")));
        Collections.shuffle(ts);
        Collections.sort(ts);
        assertThat(ts).extracting(PathTemplate::template)
                .containsExactly("/accounts/me", "/accounts/{id}.{fmt}", "/accounts/{id}", "/{x}/me");
    }

    @Test
    void prefix() {
        assertThat(PathTemplate.of("/accounts").withPrefix("/v1/").template()).isEqualTo("/v1/accounts");
        assertThat(PathTemplate.of("/accounts").withPrefix("").template()).isEqualTo("/accounts");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "accounts | path accounts (expected: starting with '/')",
            "/a/{id | path /a/{id has unbalanced braces",
            "/a/{id}/{id} | path /a/{id}/{id} repeats a variable name",
    })
    void rejects(String template, String message) {
        assertThatThrownBy(() -> PathTemplate.of(template)).hasMessage(message);
    }
}
