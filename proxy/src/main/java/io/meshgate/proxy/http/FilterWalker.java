package io.meshgate.proxy.http;

import io.meshgate.proxy.filter.FilterChain;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.netty.buffer.Unpooled;

/**
 * Walks the filters of one exchange: the route's chain, then the chosen backend's chain. The
 * request phase runs in order; the response phase runs in reverse over the filters whose request
 * phase ran (a filter that answered directly is not one of them). {@link FilterResult.Await}
 * resumes on the exchange's event loop. A filter that throws, or whose stage fails, yields 500.
 */
final class FilterWalker {

    /** What the exchange does when a phase ends. */
    interface Continuation {
        /** The exchange was abandoned meanwhile (client gone): drop the result. */
        boolean cancelled();

        /** Every filter said next. */
        void proceed();

        /** A request-phase filter answered directly. */
        void respond(FilterResult.Respond respond);
    }

    private final FilterChain route;
    private final FilterChain backend;
    private final int size;
    private int ran;
    private int responseIndex;
    private boolean responseStarted;
    private boolean replaced;

    FilterWalker(FilterChain route, FilterChain backend) {
        this.route = route;
        this.backend = backend;
        this.size = route.size() + backend.size();
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Whether some response-phase filter replaced the response. */
    boolean responseReplaced() {
        return replaced;
    }

    private HttpFilter get(int i) {
        return i < route.size() ? route.get(i) : backend.get(i - route.size());
    }

    /** Runs the request phase from where it stopped. */
    void runRequest(Exchange x, Continuation k) {
        while (ran < size) {
            FilterResult r;
            try {
                r = get(ran).onRequest(x);
            } catch (RuntimeException e) {
                k.respond(LocalReplies.error(500, "filter failed"));
                return;
            }
            if (r instanceof FilterResult.Respond respond) {
                k.respond(respond);
                return;
            }
            if (r instanceof FilterResult.Await await) {
                int at = ran;
                await.stage().whenComplete((next, err) -> x.eventLoop().execute(() -> {
                    if (k.cancelled()) {
                        return;
                    }
                    if (err != null || next == null) {
                        k.respond(LocalReplies.error(500, "filter failed"));
                    } else if (next instanceof FilterResult.Respond respond) {
                        k.respond(respond);
                    } else if (next instanceof FilterResult.Await) {
                        k.respond(LocalReplies.error(500, "filter returned a nested await"));
                    } else {
                        ran = at + 1;
                        runRequest(x, k);
                    }
                }));
                return;
            }
            ran++;
        }
        k.proceed();
    }

    /** Runs the response phase (reverse order) over the filters whose request phase ran. */
    void runResponse(Exchange x, Continuation k) {
        if (!responseStarted) {
            // Once only: an await resuming after the first filter must not start the phase over.
            responseStarted = true;
            responseIndex = ran - 1;
        }
        while (responseIndex >= 0) {
            FilterResult r;
            try {
                r = get(responseIndex).onResponse(x);
            } catch (RuntimeException e) {
                r = LocalReplies.error(500, "filter failed");
            }
            if (r instanceof FilterResult.Await await) {
                await.stage().whenComplete((next, err) -> x.eventLoop().execute(() -> {
                    if (k.cancelled()) {
                        return;
                    }
                    FilterResult res = err != null || next == null || next instanceof FilterResult.Await
                            ? LocalReplies.error(500, "filter failed") : next;
                    apply(x, res);
                    responseIndex--;
                    runResponse(x, k);
                }));
                return;
            }
            apply(x, r);
            responseIndex--;
        }
        k.proceed();
    }

    private void apply(Exchange x, FilterResult r) {
        if (r instanceof FilterResult.Respond respond) {
            replaced = true;
            x.discardResponseBodyTransformer(); // it was meant for the response being replaced
            x.status(respond.status());
            x.responseHeaders(respond.headers());
            x.responseBody(Unpooled.wrappedBuffer(respond.body()));
        }
    }
}
