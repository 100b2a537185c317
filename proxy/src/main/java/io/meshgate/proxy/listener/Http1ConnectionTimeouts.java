package io.meshgate.proxy.listener;

import io.meshgate.proxy.http.ConnectionEvents;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Guards an HTTP/1.x connection against clients that hold it without using it:
 * <ul>
 *   <li><b>header read timeout</b> (slowloris): from the first byte of a request head (or from
 *       accept, for the first request) until the head is complete; when it fires the client gets
 *       {@code 408} and the connection closes;</li>
 *   <li><b>idle timeout</b>: while no request is in flight and no byte arrives; the connection closes.</li>
 * </ul>
 * With a request-received timeout, the head must also arrive within it of its first byte (the rest
 * of the request is the exchange's to time, from the first byte recorded here:
 * {@link #requestStartedNanos}).
 * Pipeline placement: right after TLS, before the decoder, so it sees raw bytes arrive.
 */
final class Http1ConnectionTimeouts extends ChannelInboundHandlerAdapter implements ConnectionEvents {

    private static final String TIMEOUT_BODY = "{\"status\":408,\"error\":\"request timeout\"}";
    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\n"
            + HttpHeaderNames.CONTENT_TYPE + ": application/json\r\n"
            + HttpHeaderNames.CONTENT_LENGTH + ": " + TIMEOUT_BODY.length() + "\r\n"
            + HttpHeaderNames.CONNECTION + ": close\r\n\r\n"
            + TIMEOUT_BODY).getBytes(StandardCharsets.US_ASCII);

    private final long headerNanos;
    private final long idleNanos;
    private final long receivedNanos;
    private long headDeadline;
    private long headStartNanos;
    private boolean headStarted;
    private long requestStartNanos;
    private boolean requestStartKnown;
    private @Nullable ChannelHandlerContext ctx;
    private @Nullable ScheduledFuture<?> timer;
    /** When {@link #timer} fires ({@link System#nanoTime()}). */
    private long timerAt;
    /** When the armed clock runs out ({@link System#nanoTime()}), or 0 when disarmed. */
    private long deadline;
    private boolean headClock;
    private boolean readingHead = true;
    private boolean inFlight;

    Http1ConnectionTimeouts(Duration headerReadTimeout, Duration idleTimeout, Duration requestReceivedTimeout) {
        this.headerNanos = headerReadTimeout.toNanos();
        this.idleNanos = idleTimeout.toNanos();
        this.receivedNanos = Math.max(0, requestReceivedTimeout.toNanos());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            arm(headerNanos, true);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(headerNanos, true);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!inFlight && !readingHead && msg instanceof ByteBuf b && b.isReadable()) {
            readingHead = true; // first byte of the next request head: the idle clock gives way to the head clock
            arm(headerNanos, true);
        }
        if (receivedNanos > 0 && readingHead && !headStarted && msg instanceof ByteBuf b && b.isReadable()) {
            headStarted = true;
            headStartNanos = System.nanoTime();
            long left = headerNanos > 0 && deadline != 0 && headClock ? headDeadline - headStartNanos : Long.MAX_VALUE;
            if (receivedNanos < left) {
                arm(receivedNanos, true); // the whole request is due before its head would be
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void requestHeadReceived() {
        requestStartKnown = headStarted;
        requestStartNanos = headStartNanos;
        headStarted = false;
        readingHead = false;
        inFlight = true;
        deadline = 0; // the timer, if any, finds nothing to do when it fires
    }

    @Override
    public long requestStartedNanos(long headReceivedNanos) {
        return requestStartKnown ? requestStartNanos : headReceivedNanos;
    }

    @Override
    public void idle() {
        inFlight = false;
        readingHead = false;
        arm(idleNanos, false);
    }

    /**
     * Sets the clock. The one timer per connection is rescheduled only when it fires early, so a
     * busy keep-alive connection does not schedule and cancel a task per request.
     */
    private void arm(long nanos, boolean head) {
        ChannelHandlerContext c = ctx;
        if (c == null || nanos <= 0) {
            deadline = 0;
            return;
        }
        if (head && receivedNanos > 0) {
            headDeadline = System.nanoTime() + nanos;
        }
        headClock = head;
        deadline = Math.max(1, System.nanoTime() + nanos);
        if (timer == null || deadline - timerAt < 0) {
            // no timer, or it would fire after this deadline (a head clock shorter than the idle clock)
            cancelTimer();
            timerAt = deadline;
            timer = c.executor().schedule(this::fire, nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void fire() {
        timer = null;
        ChannelHandlerContext c = ctx;
        if (c == null || deadline == 0 || inFlight || !c.channel().isActive()) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            timerAt = deadline;
            timer = c.executor().schedule(this::fire, left, TimeUnit.NANOSECONDS);
            return;
        }
        if (headClock) {
            // written below the encoder on purpose: no exchange exists to answer through
            c.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        } else {
            c.close();
        }
    }

    private void cancel() {
        deadline = 0;
        cancelTimer();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
