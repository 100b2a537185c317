package io.meshgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshgate demo}: the sample bank behind a gateway, and every curl line it prints works. */
class DemoIT {
    @TempDir
    java.nio.file.Path dir;
    private MeshgateProcess demo;

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void theCurlLinesTheDemoPrintsAllAnswer() {
        int gatewayPort = FreePorts.pick();
        demo = MeshgateProcess.start(dir, "demo", "--port", Integer.toString(gatewayPort),
                "--accounts-port", "0", "--activity-port", "0", "--web-port", "0",
                "--admin", "127.0.0.1:" + FreePorts.pick());
        demo.awaitOutput("Ctrl-C", Duration.ofSeconds(60)).awaitPort(gatewayPort, Duration.ofSeconds(30));

        List<List<String>> curls = printedCurlLines(demo.output());
        assertThat(curls).as(demo.output()).hasSizeGreaterThanOrEqualTo(3);
        for (List<String> args : curls) {
            assertThat(String.join(" ", args)).contains(":" + gatewayPort + "/");
            Curl.Response r = Curl.run(args.toArray(String[]::new));
            assertThat(r.status()).as("%s%n%s%n%s", args, r, demo.output()).isEqualTo(200);
            assertThat(r.body()).startsWith("{");
        }

        Curl.Response page = Curl.run("http://127.0.0.1:" + gatewayPort + "/");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("x-service")).hasValue("web");
        assertThat(page.body()).contains("meshgate bank");
    }

    /** The arguments of each {@code curl ...} line of the demo's output, with shell quotes removed. */
    static List<List<String>> printedCurlLines(String output) {
        List<List<String>> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            String t = line.strip();
            if (t.startsWith("curl ")) {
                List<String> args = new ArrayList<>();
                for (String word : t.substring(5).trim().split("\\s+")) {
                    args.add(word.replace("'", ""));
                }
                lines.add(args);
            }
        }
        return lines;
    }
}
