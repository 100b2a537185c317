package io.meshgate.api.route;

/** How URLRewrite and RequestRedirect change the path; spelled as in YAML. */
public enum PathModifierType {
    /** Replace the whole path with {@code replaceFullPath}. */
    ReplaceFullPath,
    /** Replace the part matched by the rule's PathPrefix match with {@code replacePrefixMatch}. */
    ReplacePrefixMatch
}
