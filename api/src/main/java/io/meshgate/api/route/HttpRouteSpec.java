package io.meshgate.api.route;

import io.meshgate.api.Hostnames;
import io.meshgate.api.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An HTTPRoute's {@code spec}.
 *
 * @param parentRefs the Gateways (and listeners) the route attaches to, 1..32
 * @param hostnames hosts the route serves (exact or {@code *.} wildcard), at most 16; default: the hosts of the
 *     listeners it attaches to
 * @param rules the rules, default one rule with no backends; rule names are unique
 */
public record HttpRouteSpec(List<ParentReference> parentRefs, List<String> hostnames, List<HttpRouteRule> rules) {
    public HttpRouteSpec(@Nullable List<ParentReference> parentRefs, @Nullable List<String> hostnames,
                         @Nullable List<HttpRouteRule> rules) {
        this.parentRefs = Checks.list(parentRefs, "parentRefs");
        Checks.check(!this.parentRefs.isEmpty(), "parentRefs", "required (expected: 1..32 entries)");
        Checks.check(this.parentRefs.size() <= 32, "parentRefs",
                this.parentRefs.size() + " entries (expected: 1..32)");
        for (int i = 0; i < this.parentRefs.size(); i++) {
            int first = this.parentRefs.indexOf(this.parentRefs.get(i));
            Checks.check(first == i, "parentRefs[" + i + "]", "duplicate of parentRefs[" + first + "]");
        }
        this.hostnames = Checks.list(hostnames, "hostnames");
        Checks.check(this.hostnames.size() <= 16, "hostnames", this.hostnames.size() + " entries (expected: at most 16)");
        for (int i = 0; i < this.hostnames.size(); i++) {
            String problem = Hostnames.problem(this.hostnames.get(i));
            if (problem != null) {
                throw Checks.invalid("hostnames[" + i + "]", problem);
            }
        }
        List<HttpRouteRule> r = Checks.list(rules, "rules");
        this.rules = r.isEmpty() ? List.of(new HttpRouteRule(null, null, null, null, null)) : r;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < this.rules.size(); i++) {
            String n = this.rules.get(i).name();
            Checks.check(n == null || names.add(n), "rules[" + i + "].name",
                    Checks.quote(String.valueOf(n)) + " (expected: unique within the route)");
        }
    }
}
