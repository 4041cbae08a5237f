package org.pbsj.server.application;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.BackupType;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.GcStatus;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Privilege;

/**
 * {@code GET /admin/datastore/{store}/status} and {@code GET /status/datastore-usage}: disk
 * usage, last GC result and group/snapshot counts, each shown only as far as the caller's
 * privileges reach.
 */
@Stateless
public class DatastoreStatusService {
    private static final long AUDIT_OR_BACKUP = Privilege.mask(Privilege.DATASTORE_AUDIT, Privilege.DATASTORE_BACKUP);

    @Inject
    DatastoreRegistry datastores;
    @Inject
    PermissionService permissions;
    @Inject
    ProtocolSessionService sessions;
    @PersistenceContext(unitName = "pbsj")
    EntityManager em;

    /** Groups and snapshots of one backup type. */
    public record TypeCount(long groups, long snapshots) {
    }

    /** File-system numbers (zero when the caller may not see them), optional GC status and counts. */
    public record Status(long total, long used, long avail, GcStatus gcStatus, Map<BackupType, TypeCount> counts) {
    }

    /** One store of the usage list; numbers are null for namespace-only visibility or on error. */
    public record UsageItem(String store, Long total, Long used, Long avail, String error, GcStatus gcStatus) {
    }

    public Status status(AuthService.Caller caller, String store, boolean verbose) {
        String name = SnapshotSelector.namespace(store, null).storeName();
        AclTree acl = permissions.tree();
        AclTree.Privs privs = acl.privileges(caller.authId(), "/datastore/" + name);
        boolean storeStats = privs.hasAny(AUDIT_OR_BACKUP);
        if (!storeStats && !privs.hasAny(Privilege.mask(Privilege.DATASTORE_READ))
                && !acl.anyPrivsBelow(caller.authId(), "/datastore/" + name, NamespaceAccess.NS_PRIVS_OK)) {
            throw ServiceException.forbidden(); // before the lookup, so existence does not leak
        }
        Datastore ds = datastores.lookup(name);
        Map<BackupType, TypeCount> counts = null;
        GcStatus gc = null;
        if (verbose) {
            boolean all = privs.hasAny(Privilege.mask(Privilege.DATASTORE_AUDIT));
            counts = CoreErrors.call(() -> counts(ds, all ? null : caller.authId()));
            gc = storeStats ? CoreErrors.call(ds::readGcStatus) : null;
        }
        if (!storeStats) {
            return new Status(0, 0, 0, gc, counts);
        }
        long[] fs = fsInfo(ds.basePath());
        return new Status(fs[0], fs[1], fs[2], gc, counts);
    }

    /**
     * {@code GET /admin/datastore/{store}/active-operations}: Datastore.Audit; the reader (read)
     * and backup (write) sessions open on the store.
     */
    public ProtocolSessionService.ActiveOperations activeOperations(AuthService.Caller caller, String store) {
        String name = SnapshotSelector.namespace(store, null).storeName();
        permissions.require(caller, "/datastore/" + name, Privilege.DATASTORE_AUDIT);
        datastores.lookup(name);
        return sessions.activeOperations(name);
    }

    /**
     * {@code GET /admin/datastore/{store}/rrd}: Datastore.Audit or .Backup. The rows of the
     * store's RRD ({@code time} plus the recorded values) for the time frame; this server records
     * no RRD data, so the answer is PBS's answer for a store without RRD files: no rows.
     */
    public List<Map<String, Object>> rrd(AuthService.Caller caller, String store, String timeframe, String cf) {
        String name = SnapshotSelector.namespace(store, null).storeName();
        if (timeframe == null || cf == null) {
            throw SnapshotSelector.missing(timeframe == null ? "timeframe" : "cf");
        }
        if (!List.of("hour", "day", "week", "month", "year", "decade").contains(timeframe)) {
            throw ServiceException.badRequest("parameter verification errors\n\ntimeframe: value '" + timeframe
                    + "' is not defined in the enumeration.");
        }
        if (!List.of("MAX", "AVERAGE").contains(cf)) {
            throw ServiceException.badRequest("parameter verification errors\n\ncf: value '" + cf
                    + "' is not defined in the enumeration.");
        }
        permissions.requireAny(caller, "/datastore/" + name, Privilege.DATASTORE_AUDIT, Privilege.DATASTORE_BACKUP);
        datastores.lookup(name);
        return List.of();
    }

    public List<UsageItem> usage(AuthService.Caller caller) {
        AclTree acl = permissions.tree();
        List<UsageItem> out = new ArrayList<>();
        for (String name : em.createQuery("select d.name from DatastoreConfig d order by d.name", String.class)
                .getResultList()) {
            boolean allowed = acl.privileges(caller.authId(), "/datastore/" + name).hasAny(AUDIT_OR_BACKUP);
            Datastore ds;
            try {
                ds = datastores.lookup(name);
            } catch (ServiceException e) {
                if (allowed) {
                    out.add(new UsageItem(name, null, null, null, e.getMessage(), null));
                }
                continue;
            }
            if (!allowed) {
                if (anyNamespaceAccess(acl, caller, ds)) {
                    out.add(new UsageItem(name, null, null, null, null, null));
                }
                continue;
            }
            try {
                long[] fs = fsInfo(ds.basePath());
                out.add(new UsageItem(name, fs[0], fs[1], fs[2], null, ds.readGcStatus()));
            } catch (RuntimeException e) {
                out.add(new UsageItem(name, null, null, null, e.getMessage(), null));
            }
        }
        return out;
    }

    /** PBS {@code can_access_any_namespace}: walks the store's namespaces, not just the ACL tree. */
    private static boolean anyNamespaceAccess(AclTree acl, AuthService.Caller caller, Datastore ds) {
        try {
            return ds.listNamespacesRecursive(BackupNamespace.ROOT, BackupNamespace.MAX_DEPTH).stream()
                    .anyMatch(ns -> acl.privileges(caller.authId(), NamespaceAccess.aclPath(ds.name(), ns))
                            .hasAny(NamespaceAccess.NS_PRIVS_OK));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Groups with at least one snapshot in all namespaces, optionally only those {@code owner} owns. */
    static Map<BackupType, TypeCount> counts(Datastore ds, String owner) {
        Map<BackupType, TypeCount> out = new EnumMap<>(BackupType.class);
        for (BackupNamespace ns : ds.listNamespacesRecursive(BackupNamespace.ROOT, BackupNamespace.MAX_DEPTH)) {
            for (BackupGroup g : ds.listGroups(ns)) {
                if (owner != null && !ds.owner(g).map(o -> Datastore.ownerMatches(o, owner)).orElse(false)) {
                    continue;
                }
                int n = ds.listSnapshots(g).size();
                if (n > 0) {
                    TypeCount c = out.getOrDefault(g.type(), new TypeCount(0, 0));
                    out.put(g.type(), new TypeCount(c.groups() + 1, c.snapshots() + n));
                }
            }
        }
        return out;
    }

    /** total, used, available bytes of the file system holding {@code dir}. */
    private static long[] fsInfo(Path dir) {
        try {
            FileStore fs = Files.getFileStore(dir);
            long total = fs.getTotalSpace();
            return new long[] {total, total - fs.getUnallocatedSpace(), fs.getUsableSpace()};
        } catch (IOException e) {
            throw new ServiceException(ServiceException.Kind.INTERNAL, "cannot stat datastore '" + dir.getFileName()
                    + "': " + e.getMessage(), e);
        }
    }
}
