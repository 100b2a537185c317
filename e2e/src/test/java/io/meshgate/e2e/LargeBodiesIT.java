package io.meshgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeUpstream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2 section 3: a 1 GiB download and a 1 GiB upload through the gateway process (run with a 256 MiB heap)
 * with curl, and the process's peak resident memory stays far below the size of either body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeBodiesIT {

    private static final long GIB = 1L << 30;
    private static final long PEAK_RSS_LIMIT_KB = 512 * 1024;

    @TempDir
    static Path dir;
    private FakeUpstream upstream;
    private MeshgateProcess gateway;
    private int port;

    @BeforeAll
    void start() throws IOException {
        upstream = FakeUpstream.builder().behavior((req, res, up) -> {
            if (req.method().equals("GET")) {
                Behaviors.bytes(GIB).handle(req, res, up);
            } else {
                Behaviors.text(200, Long.toString(req.bodyLength())).handle(req, res, up);
            }
        }).start();
        port = FreePorts.pick();
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("gateway.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: { name: edge }
                spec:
                  gatewayClassName: meshgate
                  addresses: [ { type: IPAddress, value: 127.0.0.1 } ]
                  listeners: [ { name: http, protocol: HTTP, port: %d } ]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: { name: files }
                spec:
                  parentRefs: [ { name: edge } ]
                  rules: [ { backendRefs: [ { name: files } ] } ]
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: { name: files }
                spec: { endpoints: [ { address: 127.0.0.1, port: %d } ] }
                """.formatted(port, upstream.port()));
        gateway = MeshgateProcess.start(dir, "gateway", "--config", config.toString(), "--admin",
                "127.0.0.1:" + FreePorts.pick()).awaitPort(port, Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    @Test
    void oneGibibyteDownloadAndUploadStreamThroughWithBoundedMemory() throws Exception {
        String downloaded = curl("-o", "/dev/null", "-w", "%{http_code} %{size_download}",
                "http://127.0.0.1:" + port + "/big");
        assertThat(downloaded).isEqualTo("200 " + GIB);

        Path body = dir.resolve("upload.bin");
        try (RandomAccessFile f = new RandomAccessFile(body.toFile(), "rw")) {
            f.setLength(GIB); // sparse: a gibibyte of zeros without writing one
        }
        String uploaded = curl("-T", body.toString(), "-H", "Expect:", "-w", " %{http_code}",
                "http://127.0.0.1:" + port + "/upload");
        assertThat(uploaded).isEqualTo(GIB + " 200");
        assertThat(upstream.lastRequest().bodyLength()).isEqualTo(GIB);

        assertThat(gateway.isAlive()).isTrue();
        long peak = peakRssKb(gateway.pid());
        System.out.printf("1 GiB down and up through the gateway: peak RSS %d MB%n", peak / 1024);
        assertThat(peak).as("gateway peak RSS (kB)").isLessThan(PEAK_RSS_LIMIT_KB);
    }

    private static String curl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "180"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(200, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("curl: %s", out).isZero();
        return out;
    }

    private static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmHWM for " + pid);
    }
}
