package io.meshgate.api;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The difference between two {@link ResourceSet}s, by resource id (sorted).
 *
 * @param added ids only in the new set
 * @param changed ids in both sets whose resources differ
 * @param removed ids only in the old set
 */
public record ResourceDiff(Set<ResourceId> added, Set<ResourceId> changed, Set<ResourceId> removed) {
    public ResourceDiff {
        added = Collections.unmodifiableSet(new LinkedHashSet<>(added));
        changed = Collections.unmodifiableSet(new LinkedHashSet<>(changed));
        removed = Collections.unmodifiableSet(new LinkedHashSet<>(removed));
    }

    /** Whether nothing changed. */
    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    /** Number of ids added, changed or removed. */
    public int size() {
        return added.size() + changed.size() + removed.size();
    }
}
