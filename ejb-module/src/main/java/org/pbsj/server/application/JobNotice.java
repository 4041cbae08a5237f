package org.pbsj.server.application;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The end of a datastore job as its notification tells it: which job, on which store, its task,
 * and how it ended ({@code error} null = successful), with a few lines of summary (GC counters,
 * the snapshots that failed verification, sync counts).
 *
 * @param jobId the configured job's id; null for a job started by hand (GC, verify)
 * @param remote the sync source's remote; null for a local sync or another kind
 * @param remoteStore the sync source's datastore
 * @param aborted the task was stopped by request (no verify mail then, as in PBS)
 */
public record JobNotice(Kind kind, String store, String jobId, String upid, String error, List<String> details,
        String remote, String remoteStore, boolean aborted) {

    /** The job kinds that notify, by the key of the datastore's {@code notify} property string. */
    public enum Kind {
        GC("gc", "garbage_collection"),
        VERIFY("verify", "verificationjob", "verify", "verify_group", "verify_snapshot"),
        SYNC("sync", "syncjob"),
        PRUNE("prune", "prunejob");

        private final String key;
        private final List<String> workerTypes;

        Kind(String key, String... workerTypes) {
            this.key = key;
            this.workerTypes = List.of(workerTypes);
        }

        public String key() {
            return key;
        }

        public static Optional<Kind> ofKey(String key) {
            return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
        }

        /** The kind of a task's worker type; empty for tasks that send no notification. */
        public static Optional<Kind> ofWorkerType(String workerType) {
            if (workerType == null) {
                return Optional.empty();
            }
            return Arrays.stream(values()).filter(k -> k.workerTypes.contains(workerType)).findFirst();
        }
    }

    /**
     * The notice of a task's end, if its worker type notifies: the job id is the worker id of
     * {@code verificationjob} and {@code prunejob}, the last part of a {@code syncjob}'s
     * ({@code remote:remote-store:store:ns:id}); tasks started by hand have none.
     */
    public static Optional<JobNotice> ofTask(String workerType, String workerId, String store, String upid, String error,
            List<String> details, String remote, String remoteStore, boolean aborted) {
        String jobId = switch (workerType == null ? "" : workerType) {
            case "verificationjob", "prunejob" -> workerId;
            case "syncjob" -> workerId == null ? null : workerId.substring(workerId.lastIndexOf(':') + 1);
            default -> null;
        };
        return Kind.ofWorkerType(workerType).map(k -> new JobNotice(k, store, jobId, upid, error, details, remote,
                remoteStore, aborted));
    }

    public JobNotice {
        details = details == null ? List.of() : List.copyOf(details);
    }

    public boolean ok() {
        return error == null;
    }
}
