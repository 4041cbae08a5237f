package org.pbsj.core.prune;

import java.util.Objects;

/** One line of a prune plan: a snapshot and what happens to it. */
public record PruneEntry(SnapshotInfo snapshot, PruneMark mark) {
    public PruneEntry {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(mark, "mark");
    }
}
