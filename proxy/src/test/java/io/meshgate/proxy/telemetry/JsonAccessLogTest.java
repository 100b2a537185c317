package io.meshgate.proxy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonAccessLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesOneJsonObjectPerLineWithEveryField() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonAccessLog log = new JsonAccessLog(out, 16, false);
        log.onExchange(Records.of("default/shop/rule/0", "default/shop", "GET", 200, 12, 2));
        log.onExchange(Records.of(null, null, "POST", 404, 0, 0));
        log.close();

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("timestamp").asText()).isEqualTo("2023-11-14T22:13:20.123Z");
        assertThat(first.get("requestId").asText()).isEqualTo("req-1");
        assertThat(first.get("clientAddress").asText()).isEqualTo("192.0.2.10");
        assertThat(first.get("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(first.get("method").asText()).isEqualTo("GET");
        assertThat(first.get("authority").asText()).isEqualTo("api.example.com");
        assertThat(first.get("path").asText()).isEqualTo("/v1/items?id=7");
        assertThat(first.get("status").asInt()).isEqualTo(200);
        assertThat(first.get("responseFlag").isNull()).isTrue();
        assertThat(first.get("route").asText()).isEqualTo("default/shop/rule/0");
        assertThat(first.get("cluster").asText()).isEqualTo("default/shop");
        assertThat(first.get("endpoint").asText()).isEqualTo("10.0.0.1:8080");
        assertThat(first.get("attempts").asInt()).isEqualTo(2);
        assertThat(first.get("requestBytes").asLong()).isEqualTo(12);
        assertThat(first.get("responseBytes").asLong()).isEqualTo(345);
        assertThat(first.get("durationMs").asDouble()).isEqualTo(12.0);
        assertThat(first.get("upstreamMs").asDouble()).isEqualTo(1.5);
        assertThat(first.get("userAgent").asText()).isEqualTo("curl/8.5.0");

        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.get("route").isNull()).isTrue();
        assertThat(second.get("upstreamMs").isNull()).isTrue();
    }

    @Test
    void textIsEscaped() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonAccessLog log = new JsonAccessLog(out, 16, false);
        ExchangeRecord r = Records.of(null, null, "GET", 400, 0, 0);
        log.onExchange(new ExchangeRecord(r.requestId(), r.protocol(), r.method(), r.authority(),
                "/a\"b\\c\n{}", r.clientAddress(), null, null, null, 400, "local_reply", 0, 0, 0,
                r.startEpochMillis(), 0, -1, "ua\u0001é"));
        log.close();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode node = JSON.readTree(lines.get(0));
        assertThat(node.get("path").asText()).isEqualTo("/a\"b\\c\n{}");
        assertThat(node.get("userAgent").asText()).isEqualTo("ua\u0001é");
        assertThat(node.get("responseFlag").asText()).isEqualTo("local_reply");
    }

    @Test
    void aStuckWriterMakesTheLogDropNeverBlock() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sink.write(b, off, len);
            }
        };
        JsonAccessLog log = new JsonAccessLog(stuck, 4, false);
        ExchangeRecord r = Records.of(null, null, "GET", 200, 1, 0);
        log.onExchange(r);
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            log.onExchange(r);
        }
        // Not a timing assertion on speed: a blocking offer would hang here until release.
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
        assertThat(log.dropped()).isEqualTo(1000 - 4);
        release.countDown();
        log.close();
        assertThat(sink.toString(StandardCharsets.UTF_8).lines()).hasSize(5);

        ProxyMetrics metrics = new ProxyMetrics(List::of);
        metrics.bind(log);
        assertThat(metrics.scrape()).contains("meshgate_access_log_dropped_total 996");
    }

    @Test
    void appendsToAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "earlier\n");
        JsonAccessLog log = JsonAccessLog.file(file);
        log.onExchange(Records.of(null, null, "GET", 200, 1, 0));
        log.close();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(1)).get("status").asInt()).isEqualTo(200);
    }
}
