package io.meshgate.api.gateway;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.Resource;
import io.meshgate.api.internal.Checks;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Gateway API {@code GatewayClass}: accepted so that cluster manifests load, but not used
 * (meshgate serves every Gateway it is given); loading one gives a warning.
 *
 * @param metadata name (cluster-scoped: no namespace)
 * @param spec controller name, description and parameters, kept as written
 */
public record GatewayClass(ObjectMeta metadata, Spec spec) implements Resource {
    /** The kind as written in YAML. */
    public static final String KIND = "GatewayClass";

    public GatewayClass(@Nullable ObjectMeta metadata, @Nullable Spec spec) {
        this.metadata = Checks.required(metadata, "metadata").clusterScoped();
        this.spec = Checks.required(spec, "spec");
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * A GatewayClass {@code spec}.
     *
     * @param controllerName the controller, required
     * @param description free text, optional
     * @param parametersRef reference to implementation parameters, kept as written and not used
     */
    public record Spec(String controllerName, @Nullable String description,
                       @Nullable Map<String, String> parametersRef) {
        public Spec {
            controllerName = Checks.requiredText(controllerName, "controllerName");
        }
    }
}
