package io.meshgate.proxy.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the config files look like on disk: size, modification time and file key of every config
 * file under the watched path. Two equal fingerprints mean nothing changed; the difference names
 * the files that did. Cheap enough to take every few hundred milliseconds (one stat per file).
 */
final class ConfigFingerprint {

    /** One file's state. */
    private record Stat(long size, long modifiedNanos, Object fileKey) { }

    private final Map<Path, Stat> files;

    private ConfigFingerprint(Map<Path, Stat> files) {
        this.files = files;
    }

    /** Takes the fingerprint of {@code root}: the file itself, or the config files below a directory. */
    static ConfigFingerprint of(Path root) {
        Map<Path, Stat> files = new HashMap<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(ConfigFingerprint::isConfigFile).forEach(p -> stat(p, files));
            } catch (IOException | UncheckedIOException e) {
                // a file removed while walking: the next fingerprint sees the settled state
            }
        } else {
            stat(root, files);
        }
        return new ConfigFingerprint(files);
    }

    /** Whether {@code p} is a file the loader reads: YAML or JSON, not hidden, not an editor backup. */
    static boolean isConfigFile(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (name.startsWith(".")) {
            return false;
        }
        return (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) && Files.isRegularFile(p);
    }

    private static void stat(Path p, Map<Path, Stat> into) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            Object key = a.fileKey() == null ? "" : a.fileKey();
            into.put(p, new Stat(a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), key));
        } catch (NoSuchFileException e) {
            // gone: absent from the fingerprint
        } catch (IOException e) {
            into.put(p, new Stat(-1, -1, e.getClass().getName()));
        }
    }

    /** The files added, removed or changed between {@code before} and this fingerprint, sorted. */
    Set<Path> changedSince(ConfigFingerprint before) {
        Set<Path> changed = new TreeSet<>();
        Set<Path> all = new HashSet<>(files.keySet());
        all.addAll(before.files.keySet());
        for (Path p : all) {
            if (!Objects.equals(files.get(p), before.files.get(p))) {
                changed.add(p);
            }
        }
        return changed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigFingerprint f && f.files.equals(files);
    }

    @Override
    public int hashCode() {
        return files.hashCode();
    }
}
