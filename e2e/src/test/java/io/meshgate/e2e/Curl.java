package io.meshgate.e2e;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the real curl binary (from Debian's curl package) and reads back what it received. */
final class Curl {
    private static final int MAX_TIME_SECONDS = 20;

    private Curl() {
    }

    /**
     * What curl saw: its exit code, the final response's status, HTTP version, headers (lower-case
     * names) and body, and what it printed on stderr.
     */
    record Response(int exitCode, int status, String httpVersion, Map<String, List<String>> headers, String body,
            String stderr) {
        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        @Override
        public String toString() {
            return "curl exit " + exitCode + ", HTTP/" + httpVersion + " " + status + " " + headers + "\n" + body
                    + (stderr.isEmpty() ? "" : "\nstderr: " + stderr);
        }
    }

    /** {@code curl -sS ARGS...}, with a time limit, capturing status, version, headers and body. */
    static Response run(String... args) {
        try {
            Path dir = Files.createTempDirectory("curl");
            Path body = dir.resolve("body");
            Path headers = dir.resolve("headers");
            Path err = dir.resolve("stderr");
            List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", Integer.toString(MAX_TIME_SECONDS),
                    "-o", body.toString(), "-D", headers.toString(), "-w", "%{http_code} %{http_version}"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String written = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(MAX_TIME_SECONDS + 10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("curl hung: " + cmd);
            }
            String[] statusAndVersion = written.split(" ");
            int status = statusAndVersion.length > 0 && !statusAndVersion[0].isEmpty()
                    ? Integer.parseInt(statusAndVersion[0]) : 0;
            String version = statusAndVersion.length > 1 ? statusAndVersion[1] : "";
            Response r = new Response(p.exitValue(), status, version, parseHeaders(read(headers)), read(body),
                    read(err).trim());
            deleteAll(dir, body, headers, err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Headers of the last response in a {@code -D} dump (which holds one block per response, e.g. after a 100). */
    private static Map<String, List<String>> parseHeaders(String dump) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : dump.split("\r?\n")) {
            if (line.startsWith("HTTP/")) {
                headers.clear();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    private static void deleteAll(Path dir, Path... files) throws IOException {
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
    }
}
