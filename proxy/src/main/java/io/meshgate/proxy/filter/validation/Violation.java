package io.meshgate.proxy.filter.validation;

import java.util.Objects;

/**
 * One thing wrong with a request.
 *
 * @param where the place: {@code path.customerId}, {@code query.limit}, {@code header.Idempotency-Key},
 *     {@code body} or a JSON pointer into it ({@code body/amount})
 * @param detail what is wrong, for a person
 */
record Violation(String where, String detail) {
    Violation {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(detail, "detail");
    }
}
