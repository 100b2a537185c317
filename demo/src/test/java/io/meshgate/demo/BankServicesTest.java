package io.meshgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BankServicesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BankServices bank;
    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        bank = BankServices.start(InetAddress.getLoopbackAddress(), BankServices.Ports.EPHEMERAL);
    }

    @AfterAll
    static void stop() {
        bank.close();
    }

    private static HttpResponse<String> send(String service, String method, String path) throws Exception {
        URI uri = bank.server(service).uri().resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @CsvSource({"accounts", "activity", "web"})
    void everyServiceAnswersHealthzWithItsName(String service) throws Exception {
        HttpResponse<String> r = send(service, "GET", "/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-service")).hasValue(service);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("service").asText()).isEqualTo(service);
    }

    @Test
    void accountsListsACustomersAccounts() throws Exception {
        HttpResponse<String> r = send("accounts", "GET", "/accounts/alice");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("name").asText()).isEqualTo("Alice Martin");
        assertThat(body.get("accounts")).hasSize(2);
        assertThat(body.get("accounts").get(0).get("id").asText()).isEqualTo("CHK-1001");
        assertThat(body.get("accounts").get(0).get("balance").decimalValue()).isEqualByComparingTo("1520.40");
    }

    @Test
    void accountsListsCustomers() throws Exception {
        JsonNode body = JSON.readTree(send("accounts", "GET", "/accounts").body());
        assertThat(body.get("customers").toString()).isEqualTo("[\"alice\",\"bob\"]");
    }

    @Test
    void activityReturnsNewestTransactionsFirstUpToTheLimit() throws Exception {
        HttpResponse<String> r = send("activity", "GET", "/activity/alice?limit=3");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode txs = JSON.readTree(r.body()).get("transactions");
        assertThat(txs).hasSize(3);
        assertThat(txs.get(0).get("id").asText()).isEqualTo("t-5008");
        assertThat(txs.get(0).get("date").asText()).isEqualTo("2025-11-18");
        assertThat(txs.get(0).get("amount").decimalValue()).isEqualByComparingTo("-23.90");
        assertThat(txs.get(0).get("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void activityUsesTheDefaultLimit() throws Exception {
        JsonNode txs = JSON.readTree(send("activity", "GET", "/activity/alice").body()).get("transactions");
        assertThat(txs).hasSize(ActivityService.DEFAULT_LIMIT);
    }

    @ParameterizedTest
    @CsvSource({"0", "101", "ten"})
    void activityRejectsABadLimit(String limit) throws Exception {
        HttpResponse<String> r = send("activity", "GET", "/activity/alice?limit=" + limit);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("limit: " + limit + " (expected: 1..100)");
    }

    @ParameterizedTest
    @CsvSource({"accounts,/accounts/carol", "activity,/activity/carol", "web,/nope"})
    void unknownThingsAre404WithAJsonBody(String service, String path) throws Exception {
        HttpResponse<String> r = send(service, "GET", path);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).get("status").asInt()).isEqualTo(404);
    }

    @Test
    void writesAreRefusedWith405AndAllow() throws Exception {
        HttpResponse<String> r = send("accounts", "DELETE", "/accounts/alice");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> r = send("accounts", "HEAD", "/accounts/alice");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValueAsLong("content-length").orElseThrow()).isPositive();
    }

    @Test
    void aTakenPortNamesTheServiceAndThePort() throws Exception {
        int taken = bank.server("activity").address().getPort();
        assertThatThrownBy(() -> BankServices.start(InetAddress.getLoopbackAddress(),
                new BankServices.Ports(0, taken, 0)))
                .isInstanceOf(BindException.class)
                .hasMessageStartingWith("activity cannot listen on 127.0.0.1:" + taken + ": ");
    }

    @Test
    void webServesTheDashboardThatCallsTheOtherServicesOnItsOrigin() throws Exception {
        HttpResponse<String> r = send("web", "GET", "/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(r.body()).contains("get('/accounts/'").contains("get('/activity/'");
    }
}
