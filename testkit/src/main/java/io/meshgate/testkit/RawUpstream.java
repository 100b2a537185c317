package io.meshgate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that answers with exact bytes, however malformed, chosen by the last segment of the request path
 * (for tests of what the proxy does with a broken or hostile upstream). Each connection serves one request,
 * then the server closes it.
 */
public final class RawUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, byte[]> answers;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-upstream");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();

    private RawUpstream(Map<String, String> answers) throws IOException {
        this.answers = new java.util.HashMap<>();
        answers.forEach((k, v) -> this.answers.put(k, v.getBytes(StandardCharsets.ISO_8859_1)));
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** Starts a server answering {@code /anything/NAME} with {@code answers.get(NAME)} (ISO-8859-1 text). */
    public static RawUpstream start(Map<String, String> answers) {
        try {
            return new RawUpstream(answers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many request heads were read. */
    public int requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            String head = readHead(s.getInputStream());
            requests.incrementAndGet();
            String target = head.split(" ", 3)[1];
            String name = target.substring(target.lastIndexOf('/') + 1);
            byte[] answer = answers.getOrDefault(name,
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(answer);
            s.getOutputStream().flush();
            s.shutdownOutput();
            while (s.getInputStream().read() >= 0) {
                // wait for the proxy to close its side
            }
        } catch (IOException | RuntimeException e) {
            // the proxy hung up: nothing to do
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            sb.append((char) b);
            if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
