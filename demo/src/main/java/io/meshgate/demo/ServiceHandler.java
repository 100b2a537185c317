package io.meshgate.demo;

/** The business logic of one demo service; {@link DemoServer} adds health checks and HTTP plumbing. */
interface ServiceHandler {
    /** Answers a GET (or HEAD) request whose path is not {@code /healthz}. */
    Response handle(Request request);
}
