package io.meshgate.proxy.upstream.pool;

import io.netty.util.concurrent.Future;

/** The connections of one event loop to one endpoint of one cluster. Used only on that loop. */
interface EndpointPool {

    /** A stream for one exchange: an idle pooled one, or a new one once connected. */
    Future<UpstreamStream> acquire();

    /** Closes idle connections now and in-use ones when their exchange ends. */
    void close();
}
