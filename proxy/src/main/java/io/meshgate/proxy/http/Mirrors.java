package io.meshgate.proxy.http;

import io.meshgate.proxy.route.RequestMirror;
import io.meshgate.proxy.route.Route;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The request mirrors of one exchange (Gateway API RequestMirror): fire-and-forget copies of the
 * request, body included, to other clusters. A copy never slows the main request: it gets body
 * chunks only while it keeps up, and is dropped otherwise.
 */
final class Mirrors {

    private final List<MirrorCall> calls;

    private Mirrors(List<MirrorCall> calls) {
        this.calls = calls;
    }

    /** Starts the mirrors of the exchange's route (those drawn by their percentage), or returns null when none. */
    static @Nullable Mirrors start(ProxyExchange px) {
        Route route = px.route;
        if (route == null || route.mirrors().isEmpty()) {
            return null;
        }
        List<MirrorCall> calls = new ArrayList<>(route.mirrors().size());
        for (RequestMirror m : route.mirrors()) {
            if (m.percent() < 100 && ThreadLocalRandom.current().nextDouble(100) >= m.percent()) {
                continue;
            }
            MirrorCall call = new MirrorCall(px, m.cluster());
            if (call.start()) {
                calls.add(call);
            }
        }
        return calls.isEmpty() ? null : new Mirrors(calls);
    }

    /** Copies one body chunk (not taking ownership) and, at the end, the trailers to every live mirror. */
    void forward(ByteBuf chunk, boolean last, HttpHeaders trailers) {
        for (int i = 0; i < calls.size(); i++) {
            MirrorCall c = calls.get(i);
            if (!c.dropped()) {
                if (chunk.isReadable()) {
                    c.writeChunk(chunk.retainedDuplicate());
                }
                if (last) {
                    c.writeEnd(trailers);
                }
            }
        }
    }

    /** The main exchange ended: mirrors whose request body is incomplete are dropped. */
    void requestEnded() {
        for (MirrorCall c : calls) {
            c.mainEnded();
        }
    }
}
