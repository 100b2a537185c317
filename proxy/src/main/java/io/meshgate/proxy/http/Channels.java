package io.meshgate.proxy.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;

/** Channel helpers for backpressure. */
final class Channels {

    private Channels() {
    }

    /**
     * Turns AUTO_READ on or off. Resuming an HTTP/2 stream outside its connection's read loop drains
     * the stream's queued frames and writes WINDOW_UPDATEs that nothing else would flush, so the
     * connection is flushed too; without it the peer waits for window forever.
     */
    static void autoRead(Channel ch, boolean read) {
        if (ch.config().isAutoRead() == read) {
            return;
        }
        ch.config().setAutoRead(read);
        if (read && ch instanceof Http2StreamChannel && ch.parent() != null) {
            ch.parent().flush();
        }
    }
}
