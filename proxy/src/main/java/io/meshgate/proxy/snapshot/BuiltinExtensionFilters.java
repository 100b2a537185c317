package io.meshgate.proxy.snapshot;

import io.meshgate.proxy.filter.transform.TransformFilterCompiler;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry of ExtensionRef filter kinds: one line per {@link ExtensionFilterCompiler}. No
 * classpath scanning; add a line here to make a new filter kind usable from HTTPRoutes.
 */
public final class BuiltinExtensionFilters {

    private BuiltinExtensionFilters() {
    }

    /** New instances of every built-in ExtensionRef filter compiler, for one running gateway. */
    public static List<ExtensionFilterCompiler<?>> create(PolicyEnvironment env) {
        List<ExtensionFilterCompiler<?>> all = new ArrayList<>();
        all.add(new TransformFilterCompiler(env));
        return List.copyOf(all);
    }
}
