package io.meshgate.proxy.listener;

import io.meshgate.proxy.http.UnsupportedHttpVersionException;
import io.meshgate.proxy.snapshot.ListenerLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import java.util.List;

/**
 * Netty's request decoder in its strictest mode, plus the checks it lacks. Netty already rejects
 * (as a failed {@link DecoderResult}): conflicting or duplicate Content-Length, Content-Length with
 * Transfer-Encoding, any Transfer-Encoding whose last coding is not exactly {@code chunked} (RFC
 * 9112 §6.1), Transfer-Encoding in HTTP/1.0, invalid characters in names and values, whitespace
 * before the colon, and bare LF line endings (strict line parsing). This decoder adds:
 * <ul>
 *   <li>obs-fold (a header line continued on the next line starting with SP/HT; RFC 9112 §5.2
 *       allows rejecting it, and a proxy must not pass it on), found by scanning the raw head;</li>
 *   <li>too many header fields (431);</li>
 *   <li>an HTTP major version other than 1, such as {@code HTTP/2.0} (505; the h2c preface never
 *       reaches this decoder, the cleartext port's detector takes it first).</li>
 * </ul>
 * A rejected head arrives downstream as a request with a failed decoder result; every byte after
 * it is dropped, so nothing that follows can be read as a second request.
 *
 * <p>Pipeline placement: {@code [tls] -> timeouts -> this -> encoder -> exchange}.
 */
final class Http1RequestDecoder extends HttpRequestDecoder {

    private final int maxHeaderCount;
    private boolean inHead = true;
    private long scannedAhead;
    private int lineStartState; // 0: inside a line, 1: just after CRLF, 2: just after CRLF CRLF (head end)
    private boolean headStart = true;
    private boolean rejected;

    Http1RequestDecoder(ListenerLimits limits) {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxInitialLineLength())
                .setMaxHeaderSize(limits.maxHeaderSize())
                .setMaxChunkSize(64 * 1024)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false)
                .setValidateHeaders(true));
        this.maxHeaderCount = limits.maxHeaderCount();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (rejected) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (inHead && foldedHeaderAhead(in)) {
            reject(in, out, new IllegalArgumentException("obs-fold in header section"));
            return;
        }
        int before = in.readerIndex();
        int outBefore = out.size();
        super.decode(ctx, in, out);
        scannedAhead = Math.max(0, scannedAhead - (in.readerIndex() - before));
        for (int i = outBefore; i < out.size(); i++) {
            Object o = out.get(i);
            if (o instanceof HttpRequest r) {
                inHead = false;
                if (r.decoderResult().isSuccess() && r.protocolVersion().majorVersion() != 1) {
                    // HTTP/1.2 would be read as 1.1 (RFC 9110 §2.5); another major version is not ours
                    r.setDecoderResult(DecoderResult.failure(
                            new UnsupportedHttpVersionException(r.protocolVersion().text())));
                } else if (r.decoderResult().isSuccess() && r.headers().size() > maxHeaderCount) {
                    r.setDecoderResult(DecoderResult.failure(new TooLongHttpHeaderException(
                            "more than " + maxHeaderCount + " header fields")));
                }
                if (r.decoderResult().isFailure()) {
                    rejected = true;
                }
            }
            if (o instanceof LastHttpContent) {
                if (((LastHttpContent) o).decoderResult().isFailure()) {
                    rejected = true;
                }
                inHead = true;
                headStart = true;
                scannedAhead = 0;
                lineStartState = 0;
            }
        }
        if (rejected) {
            in.skipBytes(in.readableBytes());
        }
    }

    /** Scans head bytes not scanned yet; true when a header line starts with SP or HT. */
    private boolean foldedHeaderAhead(ByteBuf in) {
        if (lineStartState == 2) {
            return false;
        }
        int from = in.readerIndex() + (int) scannedAhead;
        int to = in.writerIndex();
        for (int i = from; i < to; i++) {
            byte b = in.getByte(i);
            if (headStart) {
                if (b == '\r' || b == '\n') {
                    continue; // empty lines before a request line are ignored (RFC 9112 §2.2)
                }
                headStart = false;
                lineStartState = 0;
                continue;
            }
            if (lineStartState == 1 && (b == ' ' || b == '\t')) {
                return true;
            }
            if (b == '\n') {
                if (lineStartState == 1) {
                    lineStartState = 2; // empty line: the head ends here, the body is not ours to scan
                    scannedAhead = to - in.readerIndex();
                    return false;
                }
                lineStartState = 1;
            } else if (b != '\r') {
                lineStartState = 0;
            }
        }
        scannedAhead = to - in.readerIndex();
        return false;
    }

    private void reject(ByteBuf in, List<Object> out, Exception cause) {
        rejected = true;
        in.skipBytes(in.readableBytes());
        DefaultFullHttpRequest bad = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bad-request",
                Unpooled.EMPTY_BUFFER);
        bad.setDecoderResult(DecoderResult.failure(cause));
        out.add(bad);
    }
}
