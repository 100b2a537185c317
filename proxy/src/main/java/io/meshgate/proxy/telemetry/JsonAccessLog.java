package io.meshgate.proxy.telemetry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON access log: one line per finished exchange (see {@link AccessLogFormat}), written to
 * a stream by a thread of its own. Event loops only offer the immutable record to a bounded
 * queue: formatting and I/O never run on them, and when the writer falls behind, records are
 * dropped and counted ({@link #dropped()}) rather than blocking traffic.
 */
public final class JsonAccessLog implements ProxyListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JsonAccessLog.class);

    /** Default queue capacity: a few seconds of a busy proxy. */
    public static final int DEFAULT_CAPACITY = 16_384;

    private final BlockingQueue<ExchangeRecord> queue;
    private final OutputStream out;
    private final boolean closeOut;
    private final LongAdder dropped = new LongAdder();
    private final Thread writer;
    private volatile boolean closed;

    /**
     * Starts a log writing to {@code out}.
     *
     * @param capacity records that may wait for the writer (expected: &gt; 0)
     * @param closeOut whether {@link #close()} closes {@code out} (false for stdout)
     */
    public JsonAccessLog(OutputStream out, int capacity, boolean closeOut) {
        this.out = Objects.requireNonNull(out, "out");
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.closeOut = closeOut;
        this.writer = new Thread(this::run, "meshgate-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** A log on standard output. */
    public static JsonAccessLog stdout() {
        return new JsonAccessLog(System.out, DEFAULT_CAPACITY, false);
    }

    /** A log appended to {@code file} (created if missing). */
    public static JsonAccessLog file(java.nio.file.Path file) throws IOException {
        OutputStream os = java.nio.file.Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.WRITE);
        return new JsonAccessLog(os, DEFAULT_CAPACITY, true);
    }

    @Override
    public void onExchange(ExchangeRecord record) {
        if (closed || !queue.offer(record)) {
            dropped.increment();
        }
    }

    /** Records dropped so far because the queue was full (or the log closed). */
    public long dropped() {
        return dropped.sum();
    }

    /** Writes what is queued, then stops the writer; waits at most 5 seconds. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closeOut) {
            try {
                out.close();
            } catch (IOException e) {
                log.warn("access log: cannot close the output: {}", e.toString());
            }
        }
    }

    private void run() {
        AccessLogFormat format = new AccessLogFormat();
        while (true) {
            ExchangeRecord r;
            try {
                r = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (r == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            // Drain what is queued before flushing: one flush per burst, not per line.
            for (; r != null; r = queue.poll()) {
                write(format, r);
            }
            flush();
        }
    }

    private void write(AccessLogFormat format, ExchangeRecord r) {
        try {
            // One write call per line, so lines never interleave with other writers of the same stream.
            out.write(format.line(r));
        } catch (IOException | RuntimeException e) {
            dropped.increment();
            log.warn("access log: cannot write a line: {}", e.toString());
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            log.warn("access log: cannot flush: {}", e.toString());
        }
    }
}
