package org.pbsj.server.application;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.InvalidNameException;
import org.pbsj.core.store.StoreException;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Identities;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.domain.DatastoreConfig;
import org.pbsj.server.infrastructure.ServerEnvironment;

/** Datastore configuration: the rows name → path, and the directory layout on disk. */
@Stateless
public class DatastoreService {
    static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._\\-]*");

    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    PermissionService permissions;
    @Inject
    ServerEnvironment env;
    @Inject
    TaskService tasks;

    /** A datastore as {@code GET /config/datastore} shows it. */
    public record DatastoreInfo(String name, String path, String comment, String gcSchedule, String notifyUser,
            String notifySettings, String notificationMode) {
        static DatastoreInfo of(DatastoreConfig c) {
            return new DatastoreInfo(c.getName(), c.getPath(), c.getComment(), c.getGcSchedule(), c.getNotifyUser(),
                    c.getNotify(), c.getNotificationMode());
        }
    }

    /** {@code PUT /config/datastore/{name}} values; null = not given (unchanged), empty = cleared. */
    public record DatastoreUpdate(String comment, String gcSchedule, String notifyUser,
            String notifySettings, String notificationMode) {
    }

    /** Disk usage of a datastore's file system, in bytes. */
    public record Usage(String store, long total, long used, long avail) {
    }

    /**
     * Stores the caller may see in {@code GET /admin/datastore}: Audit/Backup on the store, or
     * rights on a namespace below it (then without the comment, {@code rest-api.md} §4.3).
     */
    public List<DatastoreInfo> listVisible(AuthService.Caller caller) {
        AclTree acl = permissions.tree();
        long direct = Privilege.mask(Privilege.DATASTORE_AUDIT, Privilege.DATASTORE_BACKUP);
        long any = -1L;
        List<DatastoreInfo> out = new java.util.ArrayList<>();
        for (DatastoreInfo d : all()) {
            if (acl.privileges(caller.authId(), "/datastore/" + d.name()).hasAny(direct)) {
                out.add(d);
            } else if (acl.anyPrivsBelow(caller.authId(), "/datastore/" + d.name(), any)) {
                out.add(new DatastoreInfo(d.name(), d.path(), null, d.gcSchedule(), null, null, null));
            }
        }
        return out;
    }

    /** Full configurations, for callers with Datastore.Audit on each store. */
    public List<DatastoreInfo> listConfigs(AuthService.Caller caller) {
        AclTree acl = permissions.tree();
        return all().stream()
                .filter(d -> acl.privileges(caller.authId(), "/datastore/" + d.name())
                        .hasAll(Privilege.mask(Privilege.DATASTORE_AUDIT)))
                .toList();
    }

    public DatastoreInfo get(AuthService.Caller caller, String name) {
        permissions.require(caller, "/datastore/" + name, Privilege.DATASTORE_AUDIT);
        return DatastoreInfo.of(find(name));
    }

    /** The {@code digest} of the datastore configuration. */
    public String digest() {
        return JobConfigs.digest(all());
    }

    /**
     * Updates a datastore's settings (Datastore.Modify): comment, GC schedule and the notification
     * settings {@code notify-user}, {@code notify} and {@code notification-mode}.
     */
    public void update(AuthService.Caller caller, String name, DatastoreUpdate u, java.util.Set<String> delete,
            String digest) {
        permissions.require(caller, "/datastore/" + name, Privilege.DATASTORE_MODIFY);
        DatastoreConfig c = find(name);
        JobConfigs.checkDigest(digest, all());
        if (u.comment() != null && u.comment().length() > 256) {
            throw ServiceException.badRequest("parameter verification errors\n\ncomment: value too long");
        }
        JobConfigs.validateSchedule("gc-schedule", empty(u.gcSchedule()));
        if (u.notifyUser() != null && !u.notifyUser().isEmpty() && !Identities.isUserid(u.notifyUser())) {
            throw ServiceException.badRequest("parameter verification errors\n\nnotify-user: value is not a user id");
        }
        String notify = u.notifySettings() == null ? null : NotifySettings.parse(u.notifySettings()).format();
        String mode = empty(u.notificationMode());
        if (mode != null && !mode.equals(JobNotifier.LEGACY_SENDMAIL) && !mode.equals(JobNotifier.NOTIFICATION_SYSTEM)) {
            throw ServiceException.badRequest("parameter verification errors\n\nnotification-mode: value must be one of "
                    + JobNotifier.LEGACY_SENDMAIL + ", " + JobNotifier.NOTIFICATION_SYSTEM);
        }
        if (u.comment() != null) c.setComment(empty(u.comment()));
        if (u.gcSchedule() != null) c.setGcSchedule(empty(u.gcSchedule()));
        if (u.notifyUser() != null) c.setNotifyUser(empty(u.notifyUser()));
        if (u.notifySettings() != null) c.setNotify(notify);
        if (u.notificationMode() != null) c.setNotificationMode(mode);
        for (String d : delete == null ? java.util.Set.<String>of() : delete) {
            switch (d) {
                case "comment" -> c.setComment(null);
                case "gc-schedule" -> c.setGcSchedule(null);
                case "notify-user" -> c.setNotifyUser(null);
                case "notify" -> c.setNotify(null);
                case "notification-mode" -> c.setNotificationMode(null);
                default -> throw ServiceException.badRequest("parameter verification errors\n\ndelete: '" + d
                        + "' cannot be deleted");
            }
        }
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * Creates a datastore in a {@code create-datastore} task and returns its UPID. As in PBS, bad
     * parameters are refused before the task starts; what fails later is the task's error.
     */
    public String create(AuthService.Caller caller, String name, String path, String comment) {
        permissions.require(caller, "/datastore", Privilege.DATASTORE_ALLOCATE);
        Path dir = validate(name, path);
        TaskHandle task = tasks.start("create-datastore", name, caller.authId(), name);
        try {
            task.log("creating datastore '" + name + "' in " + dir);
            make(name, dir, comment);
            em.flush(); // a constraint violation fails the task, not the commit after it
            task.log("datastore '" + name + "' created");
            task.finish();
            return task.upid().toString();
        } catch (RuntimeException e) {
            task.fail(e.getMessage());
            throw e;
        }
    }

    /** Creates the directory layout and the configuration row; used by bootstrap. */
    public DatastoreInfo createUnchecked(String name, String path, String comment) {
        return make(name, validate(name, path), comment);
    }

    private Path validate(String name, String path) {
        if (name == null || name.length() < 3 || name.length() > 32 || !SAFE_ID.matcher(name).matches()) {
            throw ServiceException.badRequest("parameter verification errors\n\nname: value does not match the regex pattern");
        }
        if (em.find(DatastoreConfig.class, name) != null) {
            throw ServiceException.badRequest("datastore '" + name + "' already exists.");
        }
        Path dir = path == null || path.isBlank() ? env.datastoreBase().resolve(name) : Path.of(path);
        if (!dir.isAbsolute()) {
            throw ServiceException.badRequest("parameter verification errors\n\npath: must be an absolute path");
        }
        dir = dir.normalize();
        for (DatastoreConfig other : em.createQuery("select d from DatastoreConfig d", DatastoreConfig.class).getResultList()) {
            Path o = Path.of(other.getPath()).normalize();
            if (dir.startsWith(o) || o.startsWith(dir)) {
                throw ServiceException.badRequest("datastore path '" + dir + "' overlaps datastore '" + other.getName() + "'");
            }
        }
        return dir;
    }

    private DatastoreInfo make(String name, Path dir, String comment) {
        try (Datastore created = Datastore.create(name, dir, env.datastoreOptions())) {
            // created: the layout exists on disk; the handle is not needed here
        } catch (StoreException | InvalidNameException e) {
            throw ServiceException.badRequest("unable to create datastore at " + dir + ": " + e.getMessage());
        }
        DatastoreConfig cfg = new DatastoreConfig(name, dir.toString());
        cfg.setComment(comment);
        em.persist(cfg);
        return DatastoreInfo.of(cfg);
    }

    public Usage usage(AuthService.Caller caller, String name) {
        permissions.requireAny(caller, "/datastore/" + name, Privilege.DATASTORE_AUDIT, Privilege.DATASTORE_BACKUP);
        DatastoreConfig cfg = find(name);
        try {
            FileStore fs = Files.getFileStore(Path.of(cfg.getPath()));
            long total = fs.getTotalSpace();
            long avail = fs.getUsableSpace();
            return new Usage(name, total, total - fs.getUnallocatedSpace(), avail);
        } catch (IOException e) {
            throw new ServiceException(ServiceException.Kind.INTERNAL, "cannot stat datastore '" + name + "': " + e.getMessage(), e);
        }
    }

    public long count() {
        return em.createQuery("select count(d) from DatastoreConfig d", Long.class).getSingleResult();
    }

    private List<DatastoreInfo> all() {
        return em.createQuery("select d from DatastoreConfig d order by d.name", DatastoreConfig.class)
                .getResultStream().map(DatastoreInfo::of).toList();
    }

    private DatastoreConfig find(String name) {
        DatastoreConfig cfg = em.find(DatastoreConfig.class, name);
        if (cfg == null) {
            throw ServiceException.notFound("no such datastore '" + name + "'");
        }
        return cfg;
    }
}
