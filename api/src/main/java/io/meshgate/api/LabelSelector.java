package io.meshgate.api;

import io.meshgate.api.internal.Checks;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes label selector. Every {@code matchLabels} entry and every {@code matchExpressions}
 * requirement must hold; an empty selector matches everything.
 *
 * @param matchLabels labels that must be present with these values, default none
 * @param matchExpressions set-based requirements, default none
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    public LabelSelector(@Nullable Map<String, String> matchLabels, @Nullable List<Requirement> matchExpressions) {
        this.matchLabels = Checks.map(matchLabels);
        this.matchExpressions = Checks.list(matchExpressions, "matchExpressions");
    }

    /** Whether {@code labels} satisfy this selector. */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Requirement r : matchExpressions) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** A set-based requirement operator. */
    public enum Operator { In, NotIn, Exists, DoesNotExist }

    /**
     * One {@code matchExpressions} entry.
     *
     * @param key the label key, required
     * @param operator In, NotIn, Exists or DoesNotExist, required
     * @param values the values for In/NotIn (required non-empty there), must be empty for Exists/DoesNotExist
     */
    public record Requirement(String key, Operator operator, List<String> values) {
        public Requirement(@Nullable String key, @Nullable Operator operator, @Nullable List<String> values) {
            this.key = Checks.requiredText(key, "key");
            this.operator = Checks.required(operator, "operator");
            this.values = Checks.list(values, "values");
            boolean setBased = operator == Operator.In || operator == Operator.NotIn;
            Checks.check(!setBased || !this.values.isEmpty(), "values",
                    "required when operator is " + operator);
            Checks.check(setBased || this.values.isEmpty(), "values",
                    "must be empty when operator is " + operator);
        }

        /** Whether {@code labels} satisfy this requirement. */
        public boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case In -> v != null && values.contains(v);
                case NotIn -> v == null || !values.contains(v);
                case Exists -> v != null;
                case DoesNotExist -> v == null;
            };
        }
    }
}
