package io.meshgate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code curl} binary (installed on CI by {@code .ci/run}) and returns what it saw:
 * the HTTP version, status, headers (last response when several) and body.
 *
 * <pre>{@code
 * Curl.Result r = Curl.run("--http2-prior-knowledge", "http://127.0.0.1:" + port + "/");
 * assertThat(r.status()).isEqualTo(200);
 * assertThat(r.httpVersion()).isEqualTo("2");
 * }</pre>
 */
public final class Curl {

    private Curl() {
    }

    /**
     * The outcome of one curl run.
     *
     * @param exitCode curl's exit code (0 on success; 28 timeout, 52 empty reply, 56 receive failure ...)
     * @param httpVersion {@code 1.1} or {@code 2} as curl reports it
     * @param status the final response status, 0 when none
     * @param headers response headers, names lower-case, first value kept
     * @param body the response body as UTF-8
     * @param stderr curl's error text
     */
    public record Result(int exitCode, String httpVersion, int status, Map<String, String> headers, String body,
                         String stderr) {
        /** A header value or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Runs {@code curl -sS --max-time 20} with {@code args}. */
    public static Result run(String... args) {
        try {
            Path headers = Files.createTempFile("curl-headers", ".txt");
            Path body = Files.createTempFile("curl-body", ".txt");
            try {
                List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-D", headers.toString(),
                        "-o", body.toString(), "-w", "%{http_version} %{http_code}"));
                cmd.addAll(List.of(args));
                Process p = new ProcessBuilder(cmd).start();
                byte[] out = p.getInputStream().readAllBytes();
                byte[] err = p.getErrorStream().readAllBytes();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("curl did not finish: " + cmd);
                }
                String[] w = new String(out, StandardCharsets.US_ASCII).trim().split(" ");
                String version = w.length > 0 ? w[0] : "";
                int status = w.length > 1 ? Integer.parseInt(w[1]) : 0;
                return new Result(p.exitValue(), version, status, parseHeaders(Files.readString(headers,
                        StandardCharsets.ISO_8859_1)), Files.readString(body, StandardCharsets.UTF_8),
                        new String(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(headers);
                Files.deleteIfExists(body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parseHeaders(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : raw.split("\r\n")) {
            if (line.startsWith("HTTP/")) {
                out.clear(); // a new (final) response after 1xx
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return out;
    }
}
