package io.meshgate.proxy.filter;

/**
 * Thrown by a {@link BodyTransformer} that refuses a streamed body (e.g. 413 when a request body
 * grows past a limit). The engine answers {@link #status()} with {@link #getMessage()} as the error
 * if the response has not started, else resets the stream. Carries no stack trace: it is an
 * expected outcome, not a bug.
 */
public final class BodyRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * A refusal.
     *
     * @param status the HTTP status to answer (expected: 400..599)
     * @param reason a short reason for the error body
     */
    public BodyRejectedException(int status, String reason) {
        super(reason, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 400..599)");
        }
        this.status = status;
    }

    /** The status to answer. */
    public int status() {
        return status;
    }
}
