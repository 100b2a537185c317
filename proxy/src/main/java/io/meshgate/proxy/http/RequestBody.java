package io.meshgate.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The request body on its way to the upstream. Chunks go straight to the attached try; while no
 * try is attached (connecting, backing off) they wait here. While the body may still be replayed
 * (the whole body so far is at most {@code replayLimit} bytes) every chunk is also kept, so a retry
 * can send it again; past the limit the kept copies are dropped and the body is no longer replayable.
 *
 * <p>Confined to the exchange's event loop.
 */
final class RequestBody {

    private final ArrayList<ByteBuf> held = new ArrayList<>(2);
    private final long replayLimit;
    private long received;
    private long heldBytes;
    private boolean replayable;
    private boolean complete;
    private HttpHeaders trailers = EmptyHttpHeaders.INSTANCE;
    private @Nullable BodyTarget target;

    /** A body that keeps up to {@code replayLimit} bytes for replay (0: never replayable unless empty). */
    RequestBody(long replayLimit) {
        this.replayLimit = replayLimit;
        this.replayable = true;
    }

    /** Adds a chunk received from the client; takes ownership. */
    void add(ByteBuf chunk) {
        received += chunk.readableBytes();
        if (replayable && received > replayLimit) {
            replayable = false;
            if (target != null) {
                releaseHeld(); // the attached try already has them
            }
        }
        if (replayable) {
            held.add(chunk);
            heldBytes += chunk.readableBytes();
            if (target != null) {
                target.writeChunk(chunk.retainedDuplicate());
            }
        } else if (target != null) {
            target.writeChunk(chunk);
        } else {
            held.add(chunk);
            heldBytes += chunk.readableBytes();
        }
    }

    /** The client sent the whole body. */
    void end(HttpHeaders trailers) {
        complete = true;
        this.trailers = trailers;
        if (target != null) {
            target.writeEnd(trailers);
        }
    }

    /** Sends everything held to {@code t}, then streams the rest as it comes. */
    void attach(BodyTarget t) {
        target = t;
        if (replayable) {
            for (ByteBuf b : held) {
                t.writeChunk(b.retainedDuplicate());
            }
        } else {
            for (ByteBuf b : held) {
                t.writeChunk(b);
            }
            held.clear();
            heldBytes = 0;
        }
        if (complete) {
            t.writeEnd(trailers);
        }
    }

    /** Stops sending to the current try (it failed or finished). */
    void detach() {
        target = null;
    }

    /** Whether every byte received so far is still held, so the body can be sent again. */
    boolean replayable() {
        return replayable;
    }

    /** Whether the client sent the whole body. */
    boolean complete() {
        return complete;
    }

    /** Body bytes received from the client so far. */
    long received() {
        return received;
    }

    /** Bytes waiting for a try that is not attached yet (backpressure hint). */
    long pendingBytes() {
        return target == null ? heldBytes : 0;
    }

    /** Releases every held chunk; the body cannot be replayed afterwards. */
    void release() {
        releaseHeld();
        replayable = false;
        target = null;
    }

    private void releaseHeld() {
        for (ByteBuf b : held) {
            b.release();
        }
        held.clear();
        heldBytes = 0;
    }
}
