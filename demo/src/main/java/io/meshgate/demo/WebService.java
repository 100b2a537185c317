package io.meshgate.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code web} service: the bank's dashboard page. The page itself calls {@code /accounts/...}
 * and {@code /activity/...} on its own origin, so it only works when a gateway puts all three
 * services behind one address.
 */
final class WebService implements ServiceHandler {
    private final String page;

    WebService() {
        try (InputStream in = WebService.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new IllegalStateException("index.html missing from the demo jar");
            }
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Response handle(Request request) {
        if (request.path().equals("/") || request.path().equals("/index.html")) {
            return Response.html(page);
        }
        return Response.error(404, "no such page: " + request.path());
    }
}
