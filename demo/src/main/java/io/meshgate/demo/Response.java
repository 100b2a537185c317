package io.meshgate.demo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a demo service answers: a status, a content type and a body. */
record Response(int status, String contentType, byte[] body) {
    static Response json(int status, Object value) {
        return new Response(status, "application/json", (Json.write(value) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Response html(String page) {
        return new Response(200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON error body shaped like the gateway's own errors: {@code {"status":404,"error":"..."}}. */
    static Response error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        return json(status, body);
    }
}
