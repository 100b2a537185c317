package io.meshgate.api.route;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A path change made by URLRewrite or RequestRedirect.
 *
 * @param type ReplaceFullPath or ReplacePrefixMatch, required
 * @param replaceFullPath the new path; required for ReplaceFullPath, absent otherwise
 * @param replacePrefixMatch the new prefix; required for ReplacePrefixMatch (whose rule must have exactly one
 *     match, of type PathPrefix), absent otherwise
 */
public record HttpPathModifier(PathModifierType type, @Nullable String replaceFullPath,
                               @Nullable String replacePrefixMatch) {
    public HttpPathModifier {
        type = Checks.required(type, "type");
        if (type == PathModifierType.ReplaceFullPath) {
            Checks.check(replaceFullPath != null, "replaceFullPath", "required when type is ReplaceFullPath");
            Checks.check(replacePrefixMatch == null, "replacePrefixMatch", "must be absent when type is ReplaceFullPath");
            HttpPathMatch.checkPath(replaceFullPath, "replaceFullPath");
        } else {
            Checks.check(replacePrefixMatch != null, "replacePrefixMatch", "required when type is ReplacePrefixMatch");
            Checks.check(replaceFullPath == null, "replaceFullPath", "must be absent when type is ReplacePrefixMatch");
            HttpPathMatch.checkPath(replacePrefixMatch, "replacePrefixMatch");
        }
    }
}
