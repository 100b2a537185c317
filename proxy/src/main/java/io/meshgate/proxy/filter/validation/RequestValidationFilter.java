package io.meshgate.proxy.filter.validation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.meshgate.api.apimgmt.RequestValidationSpec.UnknownOperation;
import io.meshgate.api.apimgmt.openapi.ApiOperation;
import io.meshgate.proxy.filter.BodyMode;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks requests against an OpenAPI 3.0/3.1 document: path, query, header and cookie parameters
 * (presence, type, enum, pattern, ranges...) and JSON bodies (against the operation's request body
 * schema). A request that does not match is answered here and never reaches the backend:
 * <ul>
 *   <li>400 with an RFC 9457 {@code application/problem+json} report listing each error and where
 *       it is ({@code query.limit}, {@code body/amount});</li>
 *   <li>415 when the body's Content-Type is not one the operation accepts;</li>
 *   <li>404 (unknown path) or 405 with {@code Allow} (unknown method) when configured to reject
 *       unknown operations;</li>
 *   <li>413 from the engine when the body is larger than the configured limit.</li>
 * </ul>
 * Every schema is compiled when the filter is built (once per snapshot); a request only reads.
 * One instance may serve every route that uses the same document.
 */
public final class RequestValidationFilter implements HttpFilter {

    private final RequestValidationConfig config;
    private final OperationIndex index;
    private final BodyMode bodyMode;

    /**
     * Compiles the document's operations.
     *
     * @throws io.meshgate.api.apimgmt.openapi.OpenApiException when a schema cannot be compiled
     */
    public RequestValidationFilter(RequestValidationConfig config) {
        this.config = config;
        // Exact decimals, so "minimum: 0.01" is checked against what the client sent, not a double.
        ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        SchemaCompiler compiler = new SchemaCompiler(config.document(), config.validateFormats());
        List<CompiledOperation> ops = new ArrayList<>();
        boolean anyBody = false;
        for (ApiOperation op : config.document().operations()) {
            CompiledOperation compiled = new CompiledOperation(op, config.document(), compiler, json);
            anyBody |= compiled.hasBody();
            ops.add(compiled);
        }
        this.index = new OperationIndex(ops);
        this.bodyMode = anyBody ? BodyMode.buffer(config.maxBodyBytes()) : BodyMode.STREAM;
    }

    @Override
    public Phase phase() {
        return Phase.VALIDATION;
    }

    @Override
    public BodyMode requestBodyMode() {
        return bodyMode;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        OperationIndex.Lookup found = index.find(exchange.method().name(), exchange.pathOnly());
        CompiledOperation op = found.operation();
        if (op == null) {
            return config.unknownOperation() == UnknownOperation.PassThrough ? FilterResult.next() : unknown(exchange, found);
        }
        FilterResult.Respond problem = op.check(exchange, found.pathVariables());
        return problem == null ? FilterResult.next() : problem;
    }

    private static FilterResult unknown(Exchange exchange, OperationIndex.Lookup found) {
        String target = exchange.method().name() + " " + exchange.pathOnly();
        if (found.allowedMethods().isEmpty()) {
            return Problems.respond(404, Problems.UNKNOWN_OPERATION, "Unknown operation",
                    "The API has no operation for " + target, "", List.of(), EmptyHttpHeaders.INSTANCE);
        }
        HttpHeaders allow = new DefaultHttpHeaders().set(HttpHeaderNames.ALLOW, String.join(", ", found.allowedMethods()));
        return Problems.respond(405, Problems.UNKNOWN_OPERATION, "Method not allowed",
                "The API has no operation for " + target + " (expected: " + String.join(", ", found.allowedMethods())
                        + ")", "", List.of(), allow);
    }
}
