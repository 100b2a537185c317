package io.meshgate.proxy.filter.transform;

import io.meshgate.api.transform.Compression;
import io.meshgate.api.transform.CompressionType;
import io.meshgate.api.transform.JsonShape;
import io.meshgate.api.transform.RequestBodyLimit;
import io.meshgate.api.transform.TransformFilter;
import io.meshgate.api.transform.TransformFilterSpec;
import io.meshgate.proxy.filter.HttpFilter;
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
        if (spec.aggregation() != null) {
            throw new IllegalArgumentException("aggregation: not available in this build");
        }
        return out;
    }
}
