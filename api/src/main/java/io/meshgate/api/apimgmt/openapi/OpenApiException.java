package io.meshgate.api.apimgmt.openapi;

/**
 * An OpenAPI document that cannot be used: not parseable, not OpenAPI 3.0/3.1, or an operation,
 * parameter or request body that is malformed. Names the place in the document as a JSON pointer.
 */
public final class OpenApiException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String pointer;
    private final String reason;

    /**
     * Creates an exception.
     *
     * @param pointer the JSON pointer (RFC 6901) of the offending node; empty for the whole document
     * @param reason what is wrong, ending in "(expected: ...)" where that helps
     */
    public OpenApiException(String pointer, String reason) {
        super((pointer.isEmpty() ? "(document)" : pointer) + ": " + reason);
        this.pointer = pointer;
        this.reason = reason;
    }

    /** The JSON pointer of the offending node; empty for the whole document. */
    public String pointer() {
        return pointer;
    }

    /** What is wrong. */
    public String reason() {
        return reason;
    }
}
