package io.meshgate.proxy.filter.validation;

import io.meshgate.proxy.filter.FilterResult;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds RFC 9457 problem reports ({@code application/problem+json}) for rejected requests. */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";
    static final String INVALID_REQUEST = "urn:meshgate:problem:invalid-request";
    static final String UNKNOWN_OPERATION = "urn:meshgate:problem:unknown-operation";
    static final String UNSUPPORTED_MEDIA_TYPE = "urn:meshgate:problem:unsupported-media-type";

    private Problems() {
    }

    /**
     * A problem response.
     *
     * @param operation the operation the request was checked against ({@code POST /a/{id}}), or empty
     * @param extraHeaders headers to add (e.g. {@code Allow}), or null
     */
    static FilterResult.Respond respond(int status, String type, String title, String detail, String operation,
                                        List<Violation> errors, HttpHeaders extraHeaders) {
        StringBuilder b = new StringBuilder(128 + errors.size() * 64);
        b.append("{\"type\":\"").append(type)
                .append("\",\"title\":\"").append(FilterResult.jsonEscape(title))
                .append("\",\"status\":").append(status)
                .append(",\"detail\":\"").append(FilterResult.jsonEscape(detail)).append('"');
        if (!operation.isEmpty()) {
            b.append(",\"operation\":\"").append(FilterResult.jsonEscape(operation)).append('"');
        }
        b.append(",\"errors\":[");
        for (int i = 0; i < errors.size(); i++) {
            Violation v = errors.get(i);
            b.append(i == 0 ? "" : ",").append("{\"where\":\"").append(FilterResult.jsonEscape(v.where()))
                    .append("\",\"detail\":\"").append(FilterResult.jsonEscape(v.detail())).append("\"}");
        }
        b.append("]}");
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.add(extraHeaders);
        headers.set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return FilterResult.respond(status, headers, b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
