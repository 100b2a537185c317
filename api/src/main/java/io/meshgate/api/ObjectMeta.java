package io.meshgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.meshgate.api.internal.Checks;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code metadata} of every resource. Fields that a Kubernetes API server fills in
 * ({@code uid}, {@code resourceVersion}, ...) are accepted and ignored, so that
 * {@code kubectl get -o yaml} output loads as it is.
 *
 * @param name the resource's name, required (RFC 1123 subdomain, at most 253 characters)
 * @param namespace the namespace, default {@code default}; empty for cluster-scoped kinds
 *     ({@code Namespace}, {@code GatewayClass})
 * @param labels key/value labels, default none (matched by namespace selectors)
 * @param annotations key/value annotations, default none; not interpreted by meshgate
 */
@JsonIgnoreProperties({"uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "managedFields", "selfLink", "finalizers", "ownerReferences",
        "generateName"})
public record ObjectMeta(String name, String namespace, Map<String, String> labels,
                         Map<String, String> annotations) {

    /** The namespace used when {@code metadata.namespace} is absent. */
    public static final String DEFAULT_NAMESPACE = "default";

    public ObjectMeta(@Nullable String name, @Nullable String namespace, @Nullable Map<String, String> labels,
                      @Nullable Map<String, String> annotations) {
        this.name = Checks.dnsSubdomain(Checks.requiredText(name, "name"), "name");
        // The loader writes "" for cluster-scoped kinds and drops "" for namespaced ones (Kubernetes reads
        // an empty namespace as "default"), so "" here always means cluster-scoped.
        String ns = namespace == null ? DEFAULT_NAMESPACE : namespace;
        this.namespace = ns.isEmpty() ? ns : Checks.dnsLabel(ns, "namespace");
        this.labels = Checks.map(labels);
        this.annotations = Checks.map(annotations);
    }

    /** Metadata of a namespaced resource with no labels or annotations. */
    public static ObjectMeta of(String namespace, String name) {
        return new ObjectMeta(name, namespace, null, null);
    }

    /** This metadata with an empty namespace, for cluster-scoped kinds. */
    public ObjectMeta clusterScoped() {
        return namespace.isEmpty() ? this : new ObjectMeta(name, "", labels, annotations);
    }
}
