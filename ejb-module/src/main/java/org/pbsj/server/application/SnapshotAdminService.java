package org.pbsj.server.application;

import static org.pbsj.server.auth.Privilege.DATASTORE_AUDIT;
import static org.pbsj.server.auth.Privilege.DATASTORE_BACKUP;
import static org.pbsj.server.auth.Privilege.DATASTORE_MODIFY;
import static org.pbsj.server.auth.Privilege.DATASTORE_PRUNE;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.ProtectedSnapshotException;
import org.pbsj.core.datastore.SnapshotManifests;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.store.AtomicFiles;
import org.pbsj.server.auth.Privilege;

/**
 * Changes to groups and snapshots through the admin API: forget, notes, protection, owner,
 * client log. Each call checks the privileges of {@code access-control.md} §6 first, then the
 * owner where only the limited privilege is present.
 */
@Stateless
public class SnapshotAdminService {
    /** Authid: {@code name@realm} or {@code name@realm!token}. */
    static final Pattern AUTHID = Pattern.compile(UserService.USERID.pattern() + "(![A-Za-z0-9_][A-Za-z0-9._\\-]*)?");

    @Inject
    DatastoreRegistry datastores;
    @Inject
    PermissionService permissions;
    @Inject
    AuthService auth;

    /** A datastore and the group or snapshot a call names, after the privilege and owner checks. */
    private record Checked(Datastore ds, BackupDir dir, BackupGroup group) {
    }

    public void deleteGroup(AuthService.Caller caller, SnapshotSelector sel) {
        Checked c = checkGroup(caller, sel, DATASTORE_MODIFY, DATASTORE_PRUNE);
        boolean all = CoreErrors.call(() -> c.ds().removeGroup(c.group()));
        if (!all) {
            throw ServiceException.badRequest("group only partially deleted due to protected snapshots");
        }
    }

    public void deleteSnapshot(AuthService.Caller caller, SnapshotSelector sel) {
        Checked c = checkSnapshot(caller, sel, DATASTORE_MODIFY, DATASTORE_PRUNE);
        try {
            CoreErrors.run(() -> c.ds().removeSnapshot(c.dir(), false));
        } catch (ServiceException e) {
            if (e.getCause() instanceof ProtectedSnapshotException) {
                throw ServiceException.badRequest("cannot remove protected snapshot " + c.dir());
            }
            throw e;
        }
    }

    /** Snapshot notes ({@code unprotected.notes}); empty if there are none. */
    public String notes(AuthService.Caller caller, SnapshotSelector sel) {
        Checked c = checkSnapshot(caller, sel, DATASTORE_AUDIT, DATASTORE_BACKUP);
        BackupManifest m = CoreErrors.call(() -> SnapshotManifests.load(c.ds(), c.dir()).manifest());
        return m.unprotected().get(BackupManifest.NOTES) instanceof String s ? s : "";
    }

    public void setNotes(AuthService.Caller caller, SnapshotSelector sel, String notes) {
        Checked c = checkSnapshot(caller, sel, DATASTORE_MODIFY, DATASTORE_BACKUP);
        try {
            CoreErrors.run(() -> SnapshotManifests.update(c.ds(), c.dir(), u -> u.put(BackupManifest.NOTES, notes)));
        } catch (ServiceException e) {
            throw new ServiceException(e.kind(), "unable to update manifest blob - " + e.getMessage(), e);
        }
    }

    public String groupNotes(AuthService.Caller caller, SnapshotSelector sel) {
        Checked c = checkGroup(caller, sel, DATASTORE_AUDIT, DATASTORE_BACKUP);
        return CoreErrors.call(() -> c.ds().groupNotes(c.group()).orElse(""));
    }

    public void setGroupNotes(AuthService.Caller caller, SnapshotSelector sel, String notes) {
        Checked c = checkGroup(caller, sel, DATASTORE_MODIFY, DATASTORE_BACKUP);
        CoreErrors.run(() -> c.ds().setGroupNotes(c.group(), notes));
    }

    public boolean isProtected(AuthService.Caller caller, SnapshotSelector sel) {
        Checked c = checkSnapshot(caller, sel, DATASTORE_AUDIT, DATASTORE_BACKUP);
        return c.ds().isProtected(c.dir());
    }

    public void setProtected(AuthService.Caller caller, SnapshotSelector sel, boolean protect) {
        Checked c = checkSnapshot(caller, sel, DATASTORE_MODIFY, DATASTORE_BACKUP);
        CoreErrors.run(() -> c.ds().setProtected(c.dir(), protect));
    }

    /**
     * Datastore.Modify may give a group to anybody; Datastore.Backup only moves it between the
     * caller and the caller's own tokens. A refused change is a 401, as in PBS.
     */
    public void changeOwner(AuthService.Caller caller, SnapshotSelector sel, String newOwner) {
        if (newOwner == null) {
            throw SnapshotSelector.missing("new-owner");
        }
        if (newOwner.length() > 128 || !AUTHID.matcher(newOwner).matches()) {
            throw ServiceException.badRequest("parameter verification errors\n\nnew-owner: value does not match the regex pattern");
        }
        String store = sel.storeName();
        BackupGroup g = sel.group();
        boolean full = NamespaceAccess.full(permissions.tree(), caller, store, g.ns(),
                Privilege.mask(DATASTORE_MODIFY), Privilege.mask(DATASTORE_BACKUP));
        Datastore ds = datastores.lookup(store);
        String owner = NamespaceAccess.owner(ds, g);
        if (!full && !limitedChangeAllowed(owner, newOwner, caller.authId())) {
            throw ServiceException.unauthorized(caller.authId() + " does not have permission to change owner of backup group '"
                    + g + "' to " + newOwner);
        }
        if (!auth.isActiveAuthId(newOwner)) {
            throw ServiceException.badRequest((new AuthService.Caller(newOwner).isToken() ? "API token" : "user")
                    + " '" + newOwner + "' is inactive or non-existent");
        }
        CoreErrors.run(() -> ds.setOwner(g, newOwner, true));
    }

    /** PBS's table: token↔own user, or between two tokens of the caller. */
    static boolean limitedChangeAllowed(String owner, String newOwner, String caller) {
        AuthService.Caller o = new AuthService.Caller(owner);
        AuthService.Caller n = new AuthService.Caller(newOwner);
        if (o.isToken() && n.isToken()) {
            return o.userid().equals(n.userid()) && o.userid().equals(caller);
        }
        if (o.isToken()) {
            return o.userid().equals(caller) && newOwner.equals(caller);
        }
        if (n.isToken()) {
            return owner.equals(caller) && n.userid().equals(caller);
        }
        return false; // user to user needs Datastore.Modify
    }

    /** Stores {@code client.log.blob} after the backup: owner only, CRC checked, never replaced. */
    public void uploadBackupLog(AuthService.Caller caller, SnapshotSelector sel, byte[] body) {
        String store = sel.storeName();
        BackupDir d = sel.dir();
        NamespaceAccess.full(permissions.tree(), caller, store, d.ns(), 0, Privilege.mask(DATASTORE_BACKUP));
        Datastore ds = datastores.lookup(store);
        NamespaceAccess.requireOwner(ds, d.group(), caller);
        SnapshotListService.requireSnapshot(ds, d);
        Path target = ds.snapshotPath(d).resolve(BackupDir.CLIENT_LOG);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw ServiceException.badRequest("backup already contains a log.");
        }
        DataBlob blob = CoreErrors.call(() -> DataBlobCodec.load(body, BackupDir.CLIENT_LOG));
        CoreErrors.run(() -> AtomicFiles.replace(target, blob.raw(), ds.options().syncLevel()));
    }

    private Checked checkGroup(AuthService.Caller caller, SnapshotSelector sel, Privilege full, Privilege partial) {
        String store = sel.storeName();
        BackupGroup g = sel.group();
        boolean isFull = NamespaceAccess.full(permissions.tree(), caller, store, g.ns(),
                Privilege.mask(full), Privilege.mask(partial));
        Datastore ds = datastores.lookup(store);
        NamespaceAccess.requireOwnerUnlessFull(isFull, ds, g, caller);
        if (!ds.groupExists(g)) {
            throw ServiceException.notFound(NamespaceAccess.describe(g) + " does not exist");
        }
        return new Checked(ds, null, g);
    }

    private Checked checkSnapshot(AuthService.Caller caller, SnapshotSelector sel, Privilege full, Privilege partial) {
        String store = sel.storeName();
        BackupDir d = sel.dir();
        boolean isFull = NamespaceAccess.full(permissions.tree(), caller, store, d.ns(),
                Privilege.mask(full), Privilege.mask(partial));
        Datastore ds = datastores.lookup(store);
        NamespaceAccess.requireOwnerUnlessFull(isFull, ds, d.group(), caller);
        SnapshotListService.requireSnapshot(ds, d);
        return new Checked(ds, d, d.group());
    }
}
