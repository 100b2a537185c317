package io.meshgate.proxy.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgate.proxy.server.ProxyServer;
import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeUpstream;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's banking case over real sockets: one call for the account page, answered by the
 * gateway from the accounts service (user data) and the activity service (recent activity) in
 * parallel, merged under named keys; with a slow service for the timeout and partial modes.
 */
class AggregationIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static FakeUpstream accounts;
    static FakeUpstream activity;
    static FakeUpstream slow;
    static DefaultEventLoopGroup loops;
    static ProxyServer server;
    static HttpClient client;
    static String base;

    static FakeUpstream.Behavior json(String body) {
        return (req, res, up) -> res.respond(200, new DefaultHttpHeaders().set("content-type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void start() throws Exception {
        accounts = FakeUpstream.start((req, res, up) -> {
            if (req.uri().equals("/users/42")) {
                json("{\"id\":\"42\",\"name\":\"Ada\"}").handle(req, res, up);
            } else {
                Behaviors.status(404).handle(req, res, up);
            }
        });
        activity = FakeUpstream.start(json("[{\"amount\":-5,\"merchant\":\"cafe\"}]"));
        slow = FakeUpstream.start(Behaviors.delay(Duration.ofSeconds(3), json("{}")));
        String yaml = SnapshotCompilerTest.GATEWAY + SnapshotCompilerTest.backend("accounts", accounts.port())
                + SnapshotCompilerTest.backend("activity", activity.port())
                + SnapshotCompilerTest.backend("offers", slow.port()) + """
                apiVersion: meshgate.io/v1alpha1
                kind: TransformFilter
                metadata: {name: account-page}
                spec:
                  aggregation:
                    calls:
                      - {name: user, backendRef: {name: accounts}, path: "/users/{header.x-user-id}"}
                      - {name: activity, backendRef: {name: activity}, path: "/activity?user={header.x-user-id}&limit=10"}
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: TransformFilter
                metadata: {name: account-page-with-offers}
                spec:
                  aggregation:
                    onError: Partial
                    calls:
                      - {name: user, backendRef: {name: accounts}, path: "/users/{header.x-user-id}"}
                      - {name: offers, backendRef: {name: offers}, path: /offers, timeout: 300ms}
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: TransformFilter
                metadata: {name: offers-or-fail}
                spec:
                  aggregation:
                    calls:
                      - {name: user, backendRef: {name: accounts}, path: "/users/{header.x-user-id}"}
                      - {name: offers, backendRef: {name: offers}, path: /offers, timeout: 300ms}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: pages}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                    - matches: [{path: {type: Exact, value: /account-page}}]
                      filters: [{type: ExtensionRef, extensionRef: {group: meshgate.io, kind: TransformFilter, name: account-page}}]
                      backendRefs: [{name: accounts, port: 80}]
                    - matches: [{path: {type: Exact, value: /account-page/offers}}]
                      filters: [{type: ExtensionRef, extensionRef: {group: meshgate.io, kind: TransformFilter, name: account-page-with-offers}}]
                      backendRefs: [{name: accounts, port: 80}]
                    - matches: [{path: {type: Exact, value: /account-page/strict}}]
                      filters: [{type: ExtensionRef, extensionRef: {group: meshgate.io, kind: TransformFilter, name: offers-or-fail}}]
                      backendRefs: [{name: accounts, port: 80}]
                """;
        loops = new DefaultEventLoopGroup(1);
        Compiling c = LoopbackProxy.withTransforms(loops);
        server = LoopbackProxy.start(c.apply(yaml), 1);
        base = LoopbackProxy.base(server);
        client = LoopbackProxy.client();
    }

    @AfterAll
    static void stop() {
        LoopbackProxy.stop(server, loops, accounts, activity, slow);
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oneCallForTheAccountPageMergesUserAndActivity() throws Exception {
        HttpResponse<String> r = get("/account-page", "x-user-id", "42", "authorization", "Bearer t");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("user").get("name").asText()).isEqualTo("Ada");
        assertThat(body.get("activity").get(0).get("merchant").asText()).isEqualTo("cafe");
        assertThat(body.has("_errors")).isFalse();
        assertThat(activity.requests()).anySatisfy(req -> {
            assertThat(req.uri()).isEqualTo("/activity?user=42&limit=10");
            assertThat(req.headers().get("authorization")).isEqualTo("Bearer t"); // the caller's credentials go along
        });
    }

    @Test
    void aMissingPlaceholderValueIsTheClientsMistake() throws Exception {
        HttpResponse<String> r = get("/account-page");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("missing header x-user-id");
    }

    @Test
    void failWholeNamesTheFailedCall() throws Exception {
        HttpResponse<String> notFound = get("/account-page", "x-user-id", "7");
        assertThat(notFound.statusCode()).isEqualTo(502);
        assertThat(notFound.body()).contains("aggregation call 'user' failed: status 404");

        HttpResponse<String> timeout = get("/account-page/strict", "x-user-id", "42");
        assertThat(timeout.statusCode()).isEqualTo(504);
        assertThat(timeout.body()).contains("aggregation call 'offers' failed: timeout after 300ms");
    }

    @Test
    void partialAnswersWhatSucceededAndMarksTheRest() throws Exception {
        HttpResponse<String> r = get("/account-page/offers", "x-user-id", "42");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meshgate-partial")).hasValue("offers");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("user").get("id").asText()).isEqualTo("42");
        assertThat(body.get("offers").isNull()).isTrue();
        assertThat(body.get("_errors").get("offers").asText()).isEqualTo("timeout after 300ms");
    }
}
