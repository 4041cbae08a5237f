package org.pbsj.core.sync;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one pull or push; thread-safe (chunks move on several threads). For a push the
 * "downloaded" counters count what was uploaded to the target, "present" the chunks it already knew.
 */
public final class SyncStats {
    final AtomicLong snapshots = new AtomicLong();
    final AtomicLong files = new AtomicLong();
    final AtomicLong chunksDownloaded = new AtomicLong();
    final AtomicLong chunksPresent = new AtomicLong();
    final AtomicLong bytesDownloaded = new AtomicLong();
    final AtomicLong removedSnapshots = new AtomicLong();
    final AtomicLong removedGroups = new AtomicLong();
    final AtomicLong removedNamespaces = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    /** The counters at one moment. */
    public record Totals(long snapshots, long files, long chunksDownloaded, long chunksPresent, long bytesDownloaded,
            long removedSnapshots, long removedGroups, long removedNamespaces, long errors) {
    }

    public Totals totals() {
        return new Totals(snapshots.get(), files.get(), chunksDownloaded.get(), chunksPresent.get(), bytesDownloaded.get(),
                removedSnapshots.get(), removedGroups.get(), removedNamespaces.get(), errors.get());
    }
}
