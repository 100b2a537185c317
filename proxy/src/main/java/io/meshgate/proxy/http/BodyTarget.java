package io.meshgate.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;

/** Where request body bytes go: the current upstream try (or a mirror). */
interface BodyTarget {

    /** Writes one chunk; the target owns {@code chunk}. */
    void writeChunk(ByteBuf chunk);

    /** Writes the end of the body with {@code trailers} (possibly empty). */
    void writeEnd(HttpHeaders trailers);
}
