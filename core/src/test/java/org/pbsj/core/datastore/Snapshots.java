package org.pbsj.core.datastore;

/** Fixture shorthand: {@code Snapshots.of("vm/100/2024-01-01T00:00:00Z")}, optionally {@code ns/a/...}. */
final class Snapshots {
    private Snapshots() {
    }

    static BackupDir of(String path) {
        return BackupDir.parse(path);
    }

    static BackupGroup group(String path) {
        int cut = path.lastIndexOf('/', path.lastIndexOf('/') - 1);
        BackupNamespace ns = cut < 0 ? BackupNamespace.ROOT : BackupNamespace.fromPath(path.substring(0, cut));
        return BackupGroup.parse(ns, cut < 0 ? path : path.substring(cut + 1));
    }
}
