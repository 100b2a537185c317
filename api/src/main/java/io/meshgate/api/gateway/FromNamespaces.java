package io.meshgate.api.gateway;

/** Which namespaces' routes may attach to a listener; spelled as in YAML. */
public enum FromNamespaces {
    /** Only routes in the Gateway's namespace (the default). */
    Same,
    /** Routes in every namespace. */
    All,
    /** Routes in namespaces whose labels match {@code selector}. */
    Selector
}
