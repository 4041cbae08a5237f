package org.pbsj.core.datastore;

import java.util.Comparator;
import java.util.Objects;

/** A snapshot: group + backup time, directory {@code <group path>/<RFC 3339 time>} (datastore-layout.md §6). */
public record BackupDir(BackupGroup group, long time) implements Comparable<BackupDir> {
    public static final String MANIFEST = "index.json.blob";
    public static final String CLIENT_LOG = "client.log.blob";
    public static final String PROTECTED_MARKER = ".protected";

    /** Group order, then time ascending (PBS's default snapshot listing order). */
    public static final Comparator<BackupDir> ORDER =
            Comparator.comparing(BackupDir::group).thenComparingLong(BackupDir::time);

    public BackupDir {
        Objects.requireNonNull(group, "group");
        BackupTime.format(time); // range check
    }

    public static BackupDir of(BackupGroup group, String rfc3339) {
        return new BackupDir(group, BackupTime.parse(rfc3339));
    }

    /**
     * Parses a snapshot path relative to the datastore, {@code [ns/a/ns/b/]vm/100/2024-01-01T00:00:00Z}:
     * the last three components are the snapshot, the rest is the namespace path.
     */
    public static BackupDir parse(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length < 3 || java.util.Arrays.asList(parts).contains("")) {
            throw new InvalidNameException("not a snapshot path: '" + Names.printable(path) + "'");
        }
        int n = parts.length;
        StringBuilder nsPath = new StringBuilder();
        for (int i = 0; i < n - 3; i++) {
            nsPath.append(i == 0 ? "" : "/").append(parts[i]);
        }
        BackupNamespace ns = BackupNamespace.fromPath(nsPath.toString());
        BackupGroup group = BackupGroup.parse(ns, parts[n - 3] + "/" + parts[n - 2]);
        return new BackupDir(group, BackupTime.parse(parts[n - 1]));
    }

    public BackupNamespace ns() {
        return group.ns();
    }

    /** Directory name: {@code 2024-01-01T00:00:00Z}. */
    public String timeString() {
        return BackupTime.format(time);
    }

    /** Path relative to the datastore. */
    public String path() {
        return group.path() + "/" + timeString();
    }

    @Override
    public int compareTo(BackupDir o) {
        return ORDER.compare(this, o);
    }

    /** Display form {@code vm/100/2024-01-01T00:00:00Z}. */
    @Override
    public String toString() {
        return group + "/" + timeString();
    }
}
