package org.pbsj.server.application;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.pbsj.core.datastore.GcStatus;
import org.pbsj.core.sync.SyncStats;

/**
 * The text of job notifications: PBS's subjects ({@code Garbage Collect Datastore 'store1'
 * successful}, {@code Verify Datastore .. failed}, {@code Pruning datastore ..}, {@code Sync remote
 * 'r' datastore 'rs' ..}) and a plain-text body with the job, its task, the summary lines, the
 * result and a link to the task log in the web interface. Pure functions.
 */
public final class JobMail {
    /** A rendered mail. */
    public record Mail(String subject, String text) {
    }

    private JobMail() {
    }

    public static Mail render(JobNotice n, String host, int port) {
        String result = n.ok() ? "successful" : "failed";
        String subject = switch (n.kind()) {
            case GC -> "Garbage Collect Datastore '" + n.store() + "' " + result;
            case VERIFY -> "Verify Datastore '" + n.store() + "' " + result;
            case PRUNE -> "Pruning datastore '" + n.store() + "' " + result;
            case SYNC -> (n.remote() != null ? "Sync remote '" + n.remote() + "'" : "Sync local") + " datastore '"
                    + (n.remoteStore() != null ? n.remoteStore() : n.store()) + "' " + result;
        };
        String what = switch (n.kind()) {
            case GC -> "Garbage collection";
            case VERIFY -> "Verification";
            case PRUNE -> "Pruning";
            case SYNC -> "Synchronization";
        };
        StringBuilder b = new StringBuilder("\n");
        line(b, "Datastore:", n.store());
        if (n.jobId() != null) {
            line(b, "Job ID:", n.jobId());
        }
        if (n.kind() == JobNotice.Kind.SYNC) {
            if (n.remote() != null) {
                line(b, "Remote:", n.remote());
                line(b, "Remote Store:", n.remoteStore());
            } else {
                line(b, "Local Source Store:", n.remoteStore());
            }
        }
        line(b, "Task ID:", n.upid());
        if (!n.details().isEmpty()) {
            b.append('\n');
            n.details().forEach(d -> b.append(d).append('\n'));
        }
        b.append('\n').append(what).append(n.ok() ? " successful." : " failed: " + n.error()).append("\n\n\n");
        b.append("Please visit the web interface for further details:\n\n");
        b.append('<').append(taskLink(host, port, n.upid())).append(">\n");
        return new Mail(subject, b.toString());
    }

    /** The task log page of the web interface. */
    public static String taskLink(String host, int port, String upid) {
        return "https://" + host + ":" + port + "/task.xhtml?upid=" + URLEncoder.encode(upid, StandardCharsets.UTF_8);
    }

    /** The summary of a finished GC, as PBS's mail shows its status. */
    public static List<String> gcSummary(GcStatus s) {
        List<String> l = new ArrayList<>();
        l.add(pad("Index file count:") + s.indexFileCount());
        l.add("");
        l.add(pad("Removed garbage:") + bytes(s.removedBytes()));
        l.add(pad("Removed chunks:") + s.removedChunks());
        l.add(pad("Removed bad chunks:") + s.removedBad());
        l.add("");
        l.add(pad("Leftover bad chunks:") + s.stillBad());
        l.add(pad("Pending removals:") + bytes(s.pendingBytes()) + " (in " + s.pendingChunks() + " chunks)");
        l.add("");
        l.add(pad("Original Data usage:") + bytes(s.indexDataBytes()));
        String share = s.indexDataBytes() > 0
                ? String.format(Locale.ROOT, " (%.2f%%)", 100.0 * s.diskBytes() / s.indexDataBytes()) : "";
        l.add(pad("On-Disk usage:") + bytes(s.diskBytes()) + share);
        l.add(pad("On-Disk chunks:") + s.diskChunks());
        l.add("");
        double dedup = s.diskBytes() > 0 ? (double) s.indexDataBytes() / s.diskBytes() : 1.0;
        l.add(pad("Deduplication Factor:") + String.format(Locale.ROOT, "%.2f", dedup));
        return l;
    }

    /** The snapshots and groups a verification found bad. */
    public static List<String> verifySummary(List<String> failed) {
        if (failed.isEmpty()) {
            return List.of();
        }
        List<String> l = new ArrayList<>();
        l.add("Verification failed on these snapshots/groups:");
        l.add("");
        failed.forEach(f -> l.add("  " + f));
        return l;
    }

    /** What a sync transferred. */
    public static List<String> syncSummary(SyncStats.Totals t) {
        List<String> l = new ArrayList<>();
        l.add(pad("Snapshots synced:") + t.snapshots());
        l.add(pad("Chunks downloaded:") + t.chunksDownloaded() + " (" + bytes(t.bytesDownloaded()) + ")");
        l.add(pad("Chunks present:") + t.chunksPresent());
        if (t.removedSnapshots() + t.removedGroups() + t.removedNamespaces() > 0) {
            l.add(pad("Removed vanished:") + t.removedSnapshots() + " snapshots, " + t.removedGroups() + " groups, "
                    + t.removedNamespaces() + " namespaces");
        }
        if (t.errors() > 0) {
            l.add(pad("Errors:") + t.errors());
        }
        return l;
    }

    /** A prune run's counts. */
    public static List<String> pruneSummary(long snapshots, long kept, long removed) {
        return List.of(pad("Snapshots:") + snapshots, pad("Kept:") + kept, pad("Removed:") + removed);
    }

    /** Bytes as PBS's HumanByte shows them: binary units with up to two decimals. */
    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        if (u == 0) {
            return n + " B";
        }
        String s = String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
        return s + " " + units[u];
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(pad(label)).append(value == null ? "" : value).append('\n');
    }

    private static String pad(String label) {
        return String.format(Locale.ROOT, "%-22s", label);
    }
}
