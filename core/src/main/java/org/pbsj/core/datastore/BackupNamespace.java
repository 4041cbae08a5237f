package org.pbsj.core.datastore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A namespace: 0..7 safe-id components (datastore-layout.md §4). Textual form {@code a/b},
 * path form {@code ns/a/ns/b} relative to the datastore; the root is the empty list, the empty
 * string and the store directory itself.
 */
public record BackupNamespace(List<String> components) implements Comparable<BackupNamespace> {
    public static final int MAX_DEPTH = 7;
    public static final int MAX_LENGTH = 256;
    public static final BackupNamespace ROOT = new BackupNamespace(List.of());
    /** Name of the directory that holds child namespaces. */
    public static final String NS_DIR = "ns";

    private static final Comparator<List<String>> ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i)); // ASCII: same as byte order
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    /** Validates like PBS's repeated {@code push}: each component a safe id, depth ≤ 7, length ≤ 256. */
    public BackupNamespace {
        components = List.copyOf(components);
        int len = 0;
        int depth = 0;
        for (String c : components) {
            Names.requireSafeId("namespace component", c);
            if (depth >= MAX_DEPTH) {
                throw new InvalidNameException("namespace would exceed max depth of " + MAX_DEPTH);
            }
            if (len + c.length() + 1 > MAX_LENGTH) {
                throw new InvalidNameException("namespace length exceeds " + MAX_LENGTH + " characters");
            }
            len += c.length() + 1;
            depth++;
        }
    }

    /** Parses {@code a/b/c}; the empty string is the root. */
    public static BackupNamespace parse(String text) {
        if (text == null) {
            throw new InvalidNameException("namespace must not be null");
        }
        if (text.isEmpty()) {
            return ROOT;
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidNameException("namespace length exceeds " + MAX_LENGTH + " characters");
        }
        return new BackupNamespace(List.of(text.split("/", -1)));
    }

    /** Parses the path form {@code ns/a/ns/b} (trailing slash allowed): anything else is an error. */
    public static BackupNamespace fromPath(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (p.isEmpty()) {
            return ROOT;
        }
        String[] parts = p.split("/", -1);
        if (parts.length % 2 != 0) {
            throw new InvalidNameException("not a namespace path: '" + Names.printable(path) + "'");
        }
        List<String> comps = new ArrayList<>();
        for (int i = 0; i < parts.length; i += 2) {
            if (!NS_DIR.equals(parts[i])) {
                throw new InvalidNameException("not a namespace path: '" + Names.printable(path) + "'");
            }
            comps.add(parts[i + 1]);
        }
        return new BackupNamespace(comps);
    }

    public static BackupNamespace of(String... components) {
        return new BackupNamespace(List.of(components));
    }

    public boolean isRoot() {
        return components.isEmpty();
    }

    public int depth() {
        return components.size();
    }

    /** Last component; empty for the root. */
    public String name() {
        return isRoot() ? "" : components.get(components.size() - 1);
    }

    public BackupNamespace child(String component) {
        List<String> c = new ArrayList<>(components);
        c.add(component);
        return new BackupNamespace(c);
    }

    /** The parent namespace; the root has none. */
    public BackupNamespace parent() {
        if (isRoot()) {
            throw new IllegalStateException("the root namespace has no parent");
        }
        return new BackupNamespace(components.subList(0, components.size() - 1));
    }

    /** True if {@code other} is this namespace or below it. */
    public boolean contains(BackupNamespace other) {
        return other.depth() >= depth() && other.components.subList(0, depth()).equals(components);
    }

    /** Relative path form: {@code ns/a/ns/b}, empty for the root. */
    public String path() {
        StringBuilder sb = new StringBuilder();
        for (String c : components) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(NS_DIR).append('/').append(c);
        }
        return sb.toString();
    }

    @Override
    public int compareTo(BackupNamespace o) {
        return ORDER.compare(components, o.components);
    }

    /** Textual form {@code a/b}. */
    @Override
    public String toString() {
        return String.join("/", components);
    }
}
