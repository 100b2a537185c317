package io.meshgate.proxy.snapshot;

import io.meshgate.proxy.filter.ratelimit.RateLimitPolicyCompiler;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry of policy kinds: one line per {@link PolicyCompiler}, in the order their filters
 * should appear within a phase. No classpath scanning. Add a line here to make a new policy kind
 * take effect.
 */
public final class BuiltinPolicies {

    private BuiltinPolicies() {
    }

    /** New instances of every built-in policy compiler, for one running gateway. */
    public static List<PolicyCompiler<?>> create(PolicyEnvironment env) {
        List<PolicyCompiler<?>> all = new ArrayList<>();
        // one line per policy kind, e.g.: all.add(new SecurityPolicyCompiler(env));
        all.add(new io.meshgate.proxy.filter.auth.SecurityPolicyCompiler(env));
        all.add(new RateLimitPolicyCompiler(env));
        all.add(new io.meshgate.proxy.filter.validation.RequestValidationCompiler(env));
        all.add(new io.meshgate.proxy.filter.cache.ResponseCacheCompiler(env));
        all.add(new io.meshgate.proxy.filter.apidocs.ApiDocsCompiler(env));
        all.add(new io.meshgate.proxy.upstream.policy.HashCookiePolicyCompiler());
        return List.copyOf(all);
    }
}
