package io.meshgate.api.gateway;

/** Listener TLS modes; only {@code Terminate} is supported (Passthrough needs TLSRoute). */
public enum TlsMode { Terminate }
