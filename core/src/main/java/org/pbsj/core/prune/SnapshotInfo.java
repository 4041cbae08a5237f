package org.pbsj.core.prune;

import java.util.Objects;

/**
 * What prune needs to know about one snapshot of a group; independent of the datastore model.
 *
 * @param id          caller's identifier, e.g. {@code host/elsa/2019-11-15T10:39:15Z}
 * @param backupTime  epoch seconds of the snapshot
 * @param finished    the snapshot has its manifest ({@code index.json.blob})
 * @param isProtected the snapshot carries the {@code .protected} marker
 */
public record SnapshotInfo(String id, long backupTime, boolean finished, boolean isProtected) {
    public SnapshotInfo {
        Objects.requireNonNull(id, "id");
    }

    /** A finished, unprotected snapshot. */
    public static SnapshotInfo of(String id, long backupTime) {
        return new SnapshotInfo(id, backupTime, true, false);
    }
}
