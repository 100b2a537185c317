package io.meshgate.proxy.filter.compress;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.BodyTransformer;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.http.Exchange;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompressionFilterTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    private final CompressionFilter filter = new CompressionFilter(new CompressionConfig(
            List.of(Coding.GZIP, Coding.DEFLATE), 100,
            List.of("text/*", "application/json", "+json"), 6));

    private Exchange respond(TestExchange request, int status, String... headers) {
        Exchange x = request.build();
        assertThat(filter.onRequest(x)).isEqualTo(FilterResult.next());
        x.status(status);
        DefaultHttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        x.responseHeaders(h);
        assertThat(filter.onResponse(x)).isEqualTo(FilterResult.next());
        return x;
    }

    @Test
    void gzipsAStreamedBodyChunkByChunk() throws IOException {
        Exchange x = respond(TestExchange.request().header("accept-encoding", "gzip, deflate"), 200,
                "content-type", "text/html; charset=utf-8", "content-length", "5000", "etag", "\"v1\"");
        assertThat(x.responseHeaders().get("content-encoding")).isEqualTo("gzip");
        assertThat(x.responseHeaders().contains("content-length")).isFalse();
        assertThat(x.responseHeaders().get("vary")).isEqualTo("Accept-Encoding");
        assertThat(x.responseHeaders().get("etag")).isEqualTo("W/\"v1\"");

        BodyTransformer t = x.responseBodyTransformer();
        String part1 = "<html>" + "hello world ".repeat(200);
        String part2 = "</html>" + "bye ".repeat(300);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        byte[] first = drain(t.transform(buf(part1), ALLOC));
        wire.write(first);
        // Sync-flushed: the first chunk can be read back before the body ends (streaming, not buffering).
        assertThat(inflatePrefix(first, part1.length())).isEqualTo(part1);
        assertThat(first.length).isLessThan(part1.length() / 4);
        wire.write(drain(t.transform(buf(part2), ALLOC)));
        wire.write(drain(t.finish(ALLOC)));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(wire.toByteArray()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(part1 + part2);
        }
    }

    @Test
    void deflateIsTheZlibFormat() throws IOException {
        Exchange x = respond(TestExchange.request().header("accept-encoding", "deflate"), 200,
                "content-type", "application/json");
        assertThat(x.responseHeaders().get("content-encoding")).isEqualTo("deflate");
        BodyTransformer t = x.responseBodyTransformer();
        String json = "{\"items\":[" + "{\"a\":1},".repeat(100) + "{}]}";
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(drain(t.transform(buf(json), ALLOC)));
        wire.write(drain(t.finish(ALLOC)));
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(wire.toByteArray()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(json);
        }
    }

    @Test
    void anEmptyBodyIsAValidGzipStream() throws IOException {
        Exchange x = respond(TestExchange.request().header("accept-encoding", "gzip"), 200, "content-type", "text/plain");
        byte[] wire = drain(x.responseBodyTransformer().finish(ALLOC));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(wire))) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void abortReleasesWithoutOutput() {
        Exchange x = respond(TestExchange.request().header("accept-encoding", "gzip"), 200, "content-type", "text/plain");
        BodyTransformer t = x.responseBodyTransformer();
        drain(t.transform(buf("partial"), ALLOC));
        t.abort();
        t.abort(); // idempotent
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "HEAD request | HEAD | 200 | text/html | | ",
            "204 | GET | 204 | text/html | | ",
            "304 | GET | 304 | text/html | | ",
            "206 | GET | 206 | text/html | | ",
            "already encoded | GET | 200 | text/html | content-encoding | br",
            "no-transform | GET | 200 | text/html | cache-control | 'private, no-transform'",
            "image | GET | 200 | image/png | | ",
            "zip | GET | 200 | application/zip | | ",
            "small body | GET | 200 | text/html | content-length | 99",
    })
    void leavesAloneWhatMustNotOrNeedNotBeCompressed(String why, String method, int status, String type,
                                                     String header, String value) {
        TestExchange req = TestExchange.request(HttpMethod.valueOf(method), "/").header("accept-encoding", "gzip");
        Exchange x = header == null
                ? respond(req, status, "content-type", type)
                : respond(req, status, "content-type", type, header, value);
        assertThat(x.responseBodyTransformer()).isNull();
        assertThat(x.responseHeaders().get("content-encoding")).isEqualTo(
                "content-encoding".equals(header) ? value : null);
    }

    @Test
    void aCompressibleResponseVariesOnAcceptEncodingEvenWhenTheClientRefusesCompression() {
        Exchange x = respond(TestExchange.request(), 200, "content-type", "application/problem+json",
                "vary", "Origin");
        assertThat(x.responseBodyTransformer()).isNull();
        assertThat(x.responseHeaders().getAll("vary")).containsExactly("Origin", "Accept-Encoding");

        Exchange refused = respond(TestExchange.request().header("accept-encoding", "gzip;q=0, identity"), 200,
                "content-type", "text/css", "vary", "accept-encoding");
        assertThat(refused.responseBodyTransformer()).isNull();
        assertThat(refused.responseHeaders().getAll("vary")).containsExactly("accept-encoding");
    }

    @Test
    void aBodyAtTheThresholdIsCompressed() {
        Exchange x = respond(TestExchange.request().header("accept-encoding", "gzip"), 200,
                "content-type", "text/plain", "content-length", "100");
        assertThat(x.responseHeaders().get("content-encoding")).isEqualTo("gzip");
        x.responseBodyTransformer().abort();
    }

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static byte[] drain(ByteBuf b) {
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    /** Inflates the raw DEFLATE data after a 10-byte gzip header, without needing the stream's end. */
    private static String inflatePrefix(byte[] gzip, int expectedLength) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(gzip, 10, gzip.length - 10);
            byte[] out = new byte[expectedLength + 16];
            int n = inflater.inflate(out);
            return new String(out, 0, n, StandardCharsets.UTF_8);
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
    }
}
