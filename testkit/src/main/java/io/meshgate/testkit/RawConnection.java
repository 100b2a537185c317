package io.meshgate.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plain TCP connection that speaks HTTP/1.1 byte by byte, for tests of what real clients never
 * send: smuggling attempts, malformed heads, pipelining, slow heads. Reads responses framed by
 * Content-Length or chunked encoding, and tells whether the server closed the connection.
 *
 * <pre>{@code
 * try (RawConnection c = RawConnection.open(port)) {
 *     c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
 *     assertThat(c.readResponse().status()).isEqualTo(200);
 *     assertThat(c.readResponse().status()).isEqualTo(200);
 * }
 * }</pre>
 */
public final class RawConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port}; reads time out after 10 s. */
    public static RawConnection open(int port) {
        return open(Loopback.HOST, port);
    }

    /** Connects to {@code host:port}; reads time out after 10 s. */
    public static RawConnection open(String host, int port) {
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true);
            return new RawConnection(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One response as read off the wire.
     *
     * @param status status code
     * @param headers header fields, names lower-case, first value kept
     * @param body the body bytes as ISO-8859-1 text
     */
    public record Response(int status, Map<String, String> headers, String body) {
        /** A header value or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends {@code text} as ISO-8859-1 bytes. */
    public RawConnection send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends raw bytes. */
    public RawConnection send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes the read timeout. */
    public RawConnection readTimeout(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response (skipping 1xx ones unless {@code keepInformational}). */
    public Response readResponse() {
        return readResponse(false);
    }

    /** Reads one response; with {@code keepInformational} a 1xx response is returned too. */
    public Response readResponse(boolean keepInformational) {
        try {
            while (true) {
                String statusLine = readLine();
                if (statusLine == null) {
                    throw new IllegalStateException("connection closed before a response");
                }
                String[] parts = statusLine.split(" ", 3);
                int status = Integer.parseInt(parts[1]);
                Map<String, String> headers = new LinkedHashMap<>();
                String line;
                while ((line = readLine()) != null && !line.isEmpty()) {
                    int colon = line.indexOf(':');
                    headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
                if (status < 200) {
                    if (keepInformational) {
                        return new Response(status, headers, "");
                    }
                    continue;
                }
                String body;
                if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    body = readChunked();
                } else if (headers.containsKey("content-length")) {
                    body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.ISO_8859_1);
                } else if (status == 204 || status == 304) {
                    body = "";
                } else {
                    body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                }
                return new Response(status, headers, body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closed the connection (EOF or reset) within the read timeout. */
    public boolean closedByPeer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** Everything the server sends until it closes (or the read times out). */
    public String readToEnd() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                b.write(buf, 0, n);
            }
        } catch (IOException e) {
            // timeout or reset: return what came
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private String readChunked() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                String l;
                while ((l = readLine()) != null && !l.isEmpty()) {
                    // trailers ignored
                }
                return b.toString(StandardCharsets.ISO_8859_1);
            }
            b.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
