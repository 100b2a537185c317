package io.meshgate.api.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The conditions that make a try retriable ({@code retry.retryOn.triggers}), written as in Envoy Gateway. */
public enum RetryTrigger {
    /** {@code 5xx}: any 5xx response, a reset, or a connect failure. */
    @JsonProperty("5xx") FIVE_XX,
    /** {@code gateway-error}: 502, 503 or 504, a reset, or a connect failure. */
    @JsonProperty("gateway-error") GATEWAY_ERROR,
    /** {@code reset}: the backend reset or closed the connection before the response head. */
    @JsonProperty("reset") RESET,
    /** {@code connect-failure}: the connection could not be made. */
    @JsonProperty("connect-failure") CONNECT_FAILURE,
    /** {@code retriable-4xx}: 409 Conflict. */
    @JsonProperty("retriable-4xx") RETRIABLE_4XX,
    /** {@code refused-stream}: HTTP/2 REFUSED_STREAM. */
    @JsonProperty("refused-stream") REFUSED_STREAM,
    /** {@code retriable-status-codes}: a status listed in {@code retryOn.httpStatusCodes}. */
    @JsonProperty("retriable-status-codes") RETRIABLE_STATUS_CODES
}
