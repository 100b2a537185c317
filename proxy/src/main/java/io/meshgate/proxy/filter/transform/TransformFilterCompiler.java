package io.meshgate.proxy.filter.transform;

import io.meshgate.api.route.BackendObjectReference;
import io.meshgate.api.transform.Aggregation;
import io.meshgate.api.transform.AggregationCall;
import io.meshgate.api.transform.AggregationErrorMode;
import io.meshgate.api.transform.Compression;
import io.meshgate.api.transform.CompressionType;
import io.meshgate.api.transform.JsonShape;
import io.meshgate.api.transform.RequestBodyLimit;
import io.meshgate.api.transform.TransformFilter;
import io.meshgate.api.transform.TransformFilterSpec;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.aggregate.AggregateConfig;
import io.meshgate.proxy.filter.aggregate.AggregateFilter;
import io.meshgate.proxy.filter.bodylimit.RequestBodyLimitConfig;
import io.meshgate.proxy.filter.bodylimit.RequestBodyLimitFilter;
import io.meshgate.proxy.filter.compress.Coding;
import io.meshgate.proxy.filter.compress.CompressionConfig;
import io.meshgate.proxy.filter.compress.CompressionFilter;
import io.meshgate.proxy.filter.jsonshape.JsonShapeConfig;
import io.meshgate.proxy.filter.jsonshape.JsonShapeFilter;
import io.meshgate.proxy.snapshot.ExtensionFilterCompiler;
import io.meshgate.proxy.snapshot.ExtensionContext;
import io.meshgate.proxy.snapshot.PolicyEnvironment;
import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.UpstreamProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compiles a {@link TransformFilter} named by an HTTPRoute's ExtensionRef into its filters: one per
 * block of the spec. Their phases place them: the body limit with request validation, shaping and
 * compression with the transforms (the response phase runs in reverse, and compression is applied
 * to the final bytes as they are written, so shaping and compressing compose in either order).
 */
public final class TransformFilterCompiler implements ExtensionFilterCompiler<TransformFilter> {

    /** A compiler for one running gateway. */
    public TransformFilterCompiler(PolicyEnvironment env) {
        Objects.requireNonNull(env, "env");
    }

    @Override
    public Class<TransformFilter> resourceType() {
        return TransformFilter.class;
    }

    @Override
    public List<HttpFilter> filters(TransformFilter resource, ExtensionContext context) {
        TransformFilterSpec spec = resource.spec();
        List<HttpFilter> out = new ArrayList<>(4);
        RequestBodyLimit limit = spec.requestBodyLimit();
        if (limit != null) {
            out.add(new RequestBodyLimitFilter(new RequestBodyLimitConfig(limit.maxBytes())));
        }
        JsonShape shape = spec.jsonShape();
        if (shape != null) {
            out.add(new JsonShapeFilter(new JsonShapeConfig(shape.keep(), shape.remove(), shape.rename(),
                    shape.maxBytes())));
        }
        Compression compression = spec.compression();
        if (compression != null) {
            List<Coding> codings = compression.types().stream()
                    .map(t -> t == CompressionType.Gzip ? Coding.GZIP : Coding.DEFLATE).toList();
            out.add(new CompressionFilter(new CompressionConfig(codings, compression.minBytes(),
                    compression.contentTypes(), compression.level())));
        }
        Aggregation aggregation = spec.aggregation();
        if (aggregation != null) {
            out.add(new AggregateFilter(aggregate(aggregation, context)));
        }
        return out;
    }

    @Override
    public List<BackendObjectReference> backendRefs(TransformFilter resource) {
        Aggregation aggregation = resource.spec().aggregation();
        return aggregation == null ? List.of()
                : aggregation.calls().stream().map(AggregationCall::backendRef).toList();
    }

    private static AggregateConfig aggregate(Aggregation aggregation, ExtensionContext context) {
        List<AggregateConfig.Call> calls = new ArrayList<>();
        for (int i = 0; i < aggregation.calls().size(); i++) {
            AggregationCall call = aggregation.calls().get(i);
            String at = "aggregation.calls[" + i + "].backendRef: ";
            Cluster cluster = context.cluster(call.backendRef());
            if (cluster == null) {
                throw new IllegalArgumentException(at + call.backendRef().name() + " resolves to no Backend");
            }
            if (cluster.settings().protocol() != UpstreamProtocol.HTTP1 || cluster.settings().tls()) {
                throw new IllegalArgumentException(at + call.backendRef().name() + " is " + cluster.settings().protocol()
                        + (cluster.settings().tls() ? " over TLS" : "") + " (expected: a plain HTTP/1.1 backend; "
                        + "aggregation calls do not originate TLS or HTTP/2 yet)");
            }
            calls.add(new AggregateConfig.Call(call.name(), cluster, call.path(), call.timeout()));
        }
        return new AggregateConfig(calls, aggregation.onError() == AggregationErrorMode.Partial,
                aggregation.maxBytes());
    }
}
