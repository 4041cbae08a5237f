package org.pbsj.server.application;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import org.pbsj.core.backup.BackupProtocolException;
import org.pbsj.core.backup.BackupSession;
import org.pbsj.core.backup.ReaderSession;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.BackupType;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Privilege;

/**
 * Opens and owns the backup and reader sessions of the HTTP/2 protocols: the checks before the
 * {@code 101} ({@code backup-protocol.md} §2.1, §9.1) and the registry of live sessions, so that
 * an undeploy or shutdown ends them all (which removes unfinished snapshots).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ProtocolSessionService {
    private static final Logger LOG = Logger.getLogger(ProtocolSessionService.class.getName());

    @Inject
    DatastoreRegistry datastores;
    @Inject
    PermissionService permissions;
    @Inject
    Clock clock;
    @Inject
    TaskService tasks;

    private final Map<Object, AutoCloseable> live = new ConcurrentHashMap<>();
    private final Map<Object, TaskHandle> sessionTasks = new ConcurrentHashMap<>();
    /** The datastore each live session works on, and whether it writes (backup) or reads. */
    private final Map<Object, Operation> operations = new ConcurrentHashMap<>();

    /** One active datastore operation of a live session. */
    private record Operation(String store, boolean write) {
    }

    /** {@code {"read": n, "write": n}} of {@code GET /admin/datastore/{store}/active-operations}. */
    public record ActiveOperations(long read, long write) {
    }

    /** The snapshot a protocol request names. */
    public record SnapshotRequest(String store, String ns, String backupType, String backupId, long backupTime) {
    }

    public BackupSession startBackup(AuthService.Caller caller, SnapshotRequest req, boolean benchmark) {
        BackupDir dir = parse(req);
        requirePrivileges(caller, req.store(), dir.group().ns(), Privilege.DATASTORE_BACKUP);
        Datastore store = datastores.lookup(req.store());
        if (!store.namespaceExists(dir.group().ns())) {
            throw ServiceException.notFound("namespace not found");
        }
        boolean benchmarkGroup = dir.group().type() == BackupType.HOST && "benchmark".equals(dir.group().id());
        if (benchmark && !benchmarkGroup) {
            throw ServiceException.badRequest("benchmark flags is only allowed on 'host/benchmark'");
        }
        if (benchmarkGroup && !benchmark) {
            throw ServiceException.badRequest("unable to run benchmark without --benchmark flags");
        }
        BackupSession session = translate(() -> BackupSession.start(store, dir, caller.authId(), clock));
        live.put(session, session);
        operations.put(session, new Operation(req.store(), true));
        startTask(session, "backup", req.store() + ":" + dir.group(), caller, req.store())
                .log("starting new backup on datastore '" + req.store() + "': \"" + dir + "\"");
        LOG.info(() -> "starting new backup on datastore '" + req.store() + "' from " + caller.authId() + ": " + dir);
        return session;
    }

    public ReaderSession startReader(AuthService.Caller caller, SnapshotRequest req) {
        BackupDir dir = parse(req);
        AclTree.Privs privs = permissions.tree().privileges(caller.authId(), aclPath(req.store(), dir.group().ns()));
        boolean read = privs.hasAll(Privilege.mask(Privilege.DATASTORE_READ));
        boolean backup = privs.hasAll(Privilege.mask(Privilege.DATASTORE_BACKUP));
        if (!read && !backup) {
            // access-control.md §6 step 3: neither the full nor the limited privilege is a 403
            throw new ServiceException(ServiceException.Kind.FORBIDDEN,
                    "no permissions on " + aclPath(req.store(), dir.group().ns()));
        }
        Datastore store = datastores.lookup(req.store());
        if (!read) {
            String owner = store.owner(dir.group())
                    .orElseThrow(() -> ServiceException.notFound("backup group " + dir.group() + " does not exist"));
            if (!Datastore.ownerMatches(owner, caller.authId())) {
                // the owner check of the limited privilege is a plain error (400), as everywhere else
                throw ServiceException.badRequest("backup owner check failed!");
            }
        }
        ReaderSession session = translate(() -> ReaderSession.start(store, dir));
        live.put(session, session);
        operations.put(session, new Operation(req.store(), false));
        startTask(session, "reader", String.format("%s:%s/%08X", req.store(), dir.group(), req.backupTime()), caller, req.store())
                .log("starting new reader on datastore '" + req.store() + "': \"" + dir + "\"");
        return session;
    }

    /**
     * Ends a session when its connection closes: a backup that did not finish is removed, a
     * finished one is kept; all locks are released.
     */
    public void end(AutoCloseable session) {
        operations.remove(session);
        if (live.remove(session) == null) {
            return;
        }
        endTask(session);
        try {
            if (session instanceof BackupSession b && !b.isFinished()) {
                LOG.warning("backup " + b.snapshot() + " ended before finish; removing the snapshot");
            }
            session.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "error while ending protocol session", e);
        }
    }

    /** Aborting the session's task runs {@code teardown} (closing the connection ends the session). */
    public void onAbort(AutoCloseable session, Runnable teardown) {
        TaskHandle task = sessionTasks.get(session);
        if (task != null) {
            task.onAbort(teardown);
        }
    }

    /** A session runs as a PBS task ({@code backup} / {@code reader}); it is ended with the session. */
    private TaskHandle startTask(AutoCloseable session, String type, String id, AuthService.Caller caller, String store) {
        try {
            TaskHandle task = tasks.start(type, id, caller.authId(), store);
            sessionTasks.put(session, task);
            return task;
        } catch (RuntimeException e) {
            end(session); // no session without its task: release the snapshot and its locks
            throw e;
        }
    }

    private void endTask(AutoCloseable session) {
        TaskHandle task = sessionTasks.remove(session);
        if (task == null) {
            return;
        }
        if (!(session instanceof BackupSession b)) {
            task.log("reader finished successfully");
            task.finish();
        } else if (b.isFinished()) {
            task.log("backup finished successfully");
            task.finish();
        } else {
            task.fail("backup ended but finished flag is not set.");
        }
    }

    /** Reader and backup sessions currently open on {@code store}. */
    public ActiveOperations activeOperations(String store) {
        long read = 0;
        long write = 0;
        for (Operation op : operations.values()) {
            if (op.store().equals(store)) {
                if (op.write()) {
                    write++;
                } else {
                    read++;
                }
            }
        }
        return new ActiveOperations(read, write);
    }

    public int liveSessions() {
        return live.size();
    }

    @PreDestroy
    void endAll() {
        List.copyOf(live.values()).forEach(this::end);
    }

    private void requirePrivileges(AuthService.Caller caller, String store, BackupNamespace ns, Privilege priv) {
        permissions.require(caller, aclPath(store, ns), priv);
    }

    static String aclPath(String store, BackupNamespace ns) {
        StringBuilder sb = new StringBuilder("/datastore/").append(store);
        for (String c : ns.components()) {
            sb.append('/').append(c);
        }
        return sb.toString();
    }

    private static BackupDir parse(SnapshotRequest req) {
        if (req.store() == null || req.backupType() == null || req.backupId() == null) {
            throw ServiceException.badRequest("parameter verification errors\n\nstore, backup-type, backup-id and backup-time are required");
        }
        if (req.backupTime() < 1) {
            throw ServiceException.badRequest("parameter verification errors\n\nbackup-time: value must be at least 1");
        }
        try {
            BackupNamespace ns = req.ns() == null || req.ns().isEmpty() ? BackupNamespace.ROOT : BackupNamespace.parse(req.ns());
            BackupType type = BackupType.parse(req.backupType());
            return new BackupDir(new BackupGroup(ns, type, req.backupId()), req.backupTime());
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest("parameter verification errors\n\n" + e.getMessage());
        }
    }

    private static <T> T translate(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (BackupProtocolException e) {
            ServiceException.Kind kind = switch (e.status()) {
                case 401 -> ServiceException.Kind.UNAUTHORIZED;
                case 403 -> ServiceException.Kind.FORBIDDEN;
                case 404 -> ServiceException.Kind.NOT_FOUND;
                default -> ServiceException.Kind.BAD_REQUEST;
            };
            throw new ServiceException(kind, e.getMessage(), e);
        }
    }
}
