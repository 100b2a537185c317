package io.meshgate.api.security;

import io.meshgate.api.LabelSelector;
import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code apiKeyAuth}: requests must carry a Consumer's API key (Envoy Gateway field names).
 *
 * @param credentialRefs Consumers whose keys are accepted (meshgate: Consumers, not Secrets)
 * @param consumerSelector Consumers whose labels match are accepted too (meshgate)
 * @param extractFrom where to look for the key, in order, required (1..16 entries)
 * @param forwardClientIDHeader request header that carries the consumer name upstream, default
 *     {@code x-consumer-name} (Envoy Gateway: none)
 * @param sanitize remove the key before the request goes upstream, default true (Envoy Gateway: false)
 */
public record ApiKeyAuth(List<ConsumerReference> credentialRefs, @Nullable LabelSelector consumerSelector,
                         List<ExtractFrom> extractFrom, String forwardClientIDHeader, Boolean sanitize)
        implements ConsumerSelection {

    /** The default client-id header. */
    public static final String DEFAULT_CLIENT_ID_HEADER = "x-consumer-name";

    public ApiKeyAuth(@Nullable List<ConsumerReference> credentialRefs, @Nullable LabelSelector consumerSelector,
                      @Nullable List<ExtractFrom> extractFrom, @Nullable String forwardClientIDHeader,
                      @Nullable Boolean sanitize) {
        this.credentialRefs = Checks.list(credentialRefs, "credentialRefs");
        this.consumerSelector = consumerSelector;
        this.extractFrom = Checks.list(extractFrom, "extractFrom");
        Checks.check(!this.extractFrom.isEmpty() && this.extractFrom.size() <= 16, "extractFrom",
                this.extractFrom.isEmpty() ? "required (expected: 1..16 entries)"
                        : this.extractFrom.size() + " entries (expected: 1..16)");
        this.forwardClientIDHeader = Checks.headerName(Checks.orDefault(forwardClientIDHeader, DEFAULT_CLIENT_ID_HEADER),
                "forwardClientIDHeader");
        this.sanitize = Checks.orDefault(sanitize, true);
    }

    /**
     * One {@code extractFrom} entry: exactly one of headers, params or cookies.
     *
     * @param headers request header names, tried in order
     * @param params query parameter names, tried in order
     * @param cookies cookie names, tried in order
     */
    public record ExtractFrom(List<String> headers, List<String> params, List<String> cookies) {
        public ExtractFrom(@Nullable List<String> headers, @Nullable List<String> params,
                           @Nullable List<String> cookies) {
            this.headers = Checks.list(headers, "headers");
            this.params = Checks.list(params, "params");
            this.cookies = Checks.list(cookies, "cookies");
            int set = (this.headers.isEmpty() ? 0 : 1) + (this.params.isEmpty() ? 0 : 1) + (this.cookies.isEmpty() ? 0 : 1);
            Checks.check(set == 1, "headers", set == 0 ? "required unless params or cookies is set (expected: exactly one "
                    + "of headers, params, cookies)" : "set together with params or cookies (expected: exactly one of "
                    + "headers, params, cookies)");
            for (int i = 0; i < this.headers.size(); i++) {
                Checks.headerName(this.headers.get(i), "headers[" + i + "]");
            }
            for (int i = 0; i < this.params.size(); i++) {
                Checks.requiredText(this.params.get(i), "params[" + i + "]");
            }
            for (int i = 0; i < this.cookies.size(); i++) {
                Checks.requiredText(this.cookies.get(i), "cookies[" + i + "]");
            }
        }
    }
}
