package io.meshgate.proxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.reload.ConfigReloader;
import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.meshgate.testkit.Loopback;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2 section 4: long-lived connections (a server-sent event stream and a WebSocket) survive config
 * changes that do not touch their route, through the real runtime and its file watcher.
 */
@ExtendWith(LeakDetection.class)
@Timeout(120)
class LongLivedAcrossReloadIT {

    private static final int EVENTS = 40;

    @TempDir
    Path dir;

    private FakeUpstream streams;
    private FakeUpstream blue;
    private FakeUpstream green;
    private GatewayRuntime gateway;
    private int port;

    @BeforeEach
    void start() throws Exception {
        streams = FakeUpstream.builder().name("streams").behavior((request, responder, upstream) -> {
            if (request.uri().startsWith("/events")) {
                Behaviors.sse(EVENTS, Duration.ofMillis(100)).handle(request, responder, upstream);
            } else {
                Behaviors.echo().handle(request, responder, upstream);
            }
        }).start();
        blue = FakeUpstream.builder().name("blue").behavior(Behaviors.echo()).start();
        green = FakeUpstream.builder().name("green").behavior(Behaviors.echo()).start();
        port = Loopback.freePort();
        write(config("blue"));
        gateway = GatewayRuntime.start(GatewayOptions.of(dir).withThreads(2));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        streams.close();
        blue.close();
        green.close();
    }

    @Test
    void sseStreamAndWebSocketSurviveReloadsOfOtherRoutes() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LinkedBlockingQueue<String> wsReplies = new LinkedBlockingQueue<>();
        WebSocket ws = client.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        wsReplies.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("before", true).get(10, TimeUnit.SECONDS);
        assertThat(wsReplies.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: before");

        HttpResponse<InputStream> sse = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(sse.statusCode()).isEqualTo(200);
        CompletableFuture<List<String>> events = CompletableFuture.supplyAsync(() -> readEvents(sse.body()));

        String current = "blue";
        for (int round = 0; round < 3; round++) {
            current = current.equals("blue") ? "green" : "blue";
            long seen = gateway.reloads().attempts();
            write(config(current));
            assertThat(gateway.reloads().awaitAfter(seen, 20_000)).isInstanceOf(ConfigReloader.Ready.class);
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/svc")).build(),
                    HttpResponse.BodyHandlers.ofString()).headers().firstValue("x-upstream")).hasValue(current);
            ws.sendText("round " + round, true).get(10, TimeUnit.SECONDS);
            assertThat(wsReplies.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: round " + round);
        }

        List<String> received = events.get(30, TimeUnit.SECONDS);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            expected.add("data: event-" + i);
        }
        assertThat(received).isEqualTo(expected);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }

    private static List<String> readEvents(InputStream body) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        } catch (java.io.IOException e) {
            lines.add("stream broke: " + e);
        }
        return lines;
    }

    private String config(String svcBackend) {
        return ConfigYaml.gateway(port) + ConfigYaml.backend("streams", streams.port())
                + ConfigYaml.backend("blue", blue.port()) + ConfigYaml.backend("green", green.port()) + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: streams}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                    - matches: [{path: {type: PathPrefix, value: /events}}, {path: {type: PathPrefix, value: /chat}}]
                      backendRefs: [{name: streams}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: svc}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                    - matches: [{path: {type: PathPrefix, value: /svc}}]
                      backendRefs: [{name: %s}]
                """.formatted(svcBackend);
    }

    private void write(String yaml) throws Exception {
        ConfigYaml.write(dir, yaml);
    }
}
