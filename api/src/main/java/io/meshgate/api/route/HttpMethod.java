package io.meshgate.api.route;

/** The HTTP methods a route can match (RFC 9110 plus PATCH). */
public enum HttpMethod { GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH }
