package org.pbsj.server.application;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.BackupType;
import org.pbsj.core.datastore.InvalidNameException;
import org.pbsj.core.datastore.Names;

/**
 * The raw {@code store}, {@code ns}, {@code backup-type}, {@code backup-id}, {@code backup-time}
 * parameters of a datastore admin request. Parsing goes through the core name rules, which are
 * also the path-traversal guard; a bad value is a 400 naming the parameter.
 */
public record SnapshotSelector(String store, String ns, String backupType, String backupId, Long backupTime) {

    public static SnapshotSelector namespace(String store, String ns) {
        return new SnapshotSelector(store, ns, null, null, null);
    }

    public static SnapshotSelector group(String store, String ns, String type, String id) {
        return new SnapshotSelector(store, ns, type, id, null);
    }

    /** The datastore name (3..32 safe-id characters). */
    public String storeName() {
        try {
            return Names.requireDatastoreName(store);
        } catch (InvalidNameException e) {
            throw invalid("store", e);
        }
    }

    /** The namespace; absent or empty means the root. */
    public BackupNamespace namespace() {
        return parseNamespace("ns", ns);
    }

    public BackupType type() {
        try {
            return BackupType.parse(required("backup-type", backupType));
        } catch (InvalidNameException e) {
            throw invalid("backup-type", e);
        }
    }

    public BackupGroup group() {
        BackupNamespace n = namespace();
        BackupType type = type();
        try {
            return new BackupGroup(n, type, required("backup-id", backupId));
        } catch (InvalidNameException e) {
            throw invalid("backup-id", e);
        }
    }

    public BackupDir dir() {
        BackupGroup g = group();
        if (backupTime == null) {
            throw missing("backup-time");
        }
        try {
            return new BackupDir(g, backupTime);
        } catch (InvalidNameException e) {
            throw invalid("backup-time", e);
        }
    }

    /** A namespace parameter other than {@code ns} (e.g. {@code parent}). */
    public static BackupNamespace parseNamespace(String param, String value) {
        if (value == null || value.isEmpty()) {
            return BackupNamespace.ROOT;
        }
        try {
            return BackupNamespace.parse(value);
        } catch (InvalidNameException e) {
            throw invalid(param, e);
        }
    }

    /** An archive file name of a snapshot: a safe id, so never a path. */
    public static String fileName(String param, String value) {
        try {
            return Names.requireSafeId(param, required(param, value));
        } catch (InvalidNameException e) {
            throw invalid(param, e);
        }
    }

    private static String required(String param, String value) {
        if (value == null) {
            throw missing(param);
        }
        return value;
    }

    static ServiceException missing(String param) {
        return ServiceException.badRequest("parameter verification errors\n\n" + param
                + ": parameter is missing and it is not optional.");
    }

    static ServiceException invalid(String param, Exception e) {
        return ServiceException.badRequest("parameter verification errors\n\n" + param + ": " + e.getMessage());
    }
}
