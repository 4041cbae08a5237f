package org.pbsj.server.application;

import static org.pbsj.server.auth.Privilege.DATASTORE_BACKUP;
import static org.pbsj.server.auth.Privilege.DATASTORE_READ;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.ChunkedArchive;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.SnapshotManifests;
import org.pbsj.core.index.ArchiveType;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.server.auth.Privilege;

/**
 * Downloads of snapshot files, raw or decoded. All checks (privileges, owner, file name,
 * manifest) happen in the call; the returned body only streams, outside the transaction.
 */
@Stateless
public class SnapshotDownloadService {
    @Inject
    DatastoreRegistry datastores;
    @Inject
    PermissionService permissions;

    /** Writes the content; runs after the service call returned, so it must not need the container. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A download: its length if known in advance ({@code -1} otherwise) and the body. */
    public record Download(String fileName, long length, Body body) {
    }

    /** A snapshot checked for Datastore.Read, or Datastore.Backup plus ownership. */
    record Readable(Datastore ds, BackupDir dir) {
        Path file(String name) {
            return ds.snapshotPath(dir).resolve(name);
        }
    }

    /** The file as stored (blob or index bytes). */
    public Download raw(AuthService.Caller caller, SnapshotSelector sel, String fileName) {
        Readable r = readable(caller, sel);
        String name = SnapshotSelector.fileName("file-name", fileName);
        Path p = existingFile(r, name);
        long length = CoreErrors.call(() -> {
            try {
                return Files.size(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot stat " + name, e);
            }
        });
        return new Download(name, length, out -> Files.copy(p, out));
    }

    /**
     * The decoded content: an index reassembled from its chunks after its csum and size were
     * checked against the manifest, or a blob's payload. Refused for {@code encrypt} files.
     */
    public Download decoded(AuthService.Caller caller, SnapshotSelector sel, String fileName) {
        Readable r = readable(caller, sel);
        String name = SnapshotSelector.fileName("file-name", fileName);
        BackupManifest manifest = CoreErrors.call(() -> SnapshotManifests.load(r.ds(), r.dir()).manifest());
        Optional<FileInfo> info = manifest.lookupFile(name);
        if (info.isPresent() && info.get().cryptMode() == CryptMode.ENCRYPT) {
            throw ServiceException.badRequest("cannot decode '" + name + "' - is encrypted");
        }
        ArchiveType type;
        try {
            type = ArchiveType.fromFileName(name);
        } catch (RuntimeException e) {
            String ext = name.substring(name.lastIndexOf('.') + 1);
            throw ServiceException.badRequest("cannot download '" + ext + "' files");
        }
        Path p = existingFile(r, name);
        return CoreErrors.call(() -> type == ArchiveType.BLOB ? blob(manifest, name, p) : index(r, manifest, name, p));
    }

    private static Download blob(BackupManifest manifest, String name, Path p) {
        byte[] raw = read(p);
        if (manifest.lookupFile(name).isPresent()) {
            manifest.verifyFile(name, raw.length, sha256(raw));
        }
        byte[] data = DataBlobCodec.decode(DataBlobCodec.load(raw, name), null, null);
        return new Download(name, data.length, out -> out.write(data));
    }

    private static Download index(Readable r, BackupManifest manifest, String name, Path p) {
        ChunkedArchive archive = verifiedArchive(r, manifest, name, p);
        return new Download(name, archive.size(), archive::copyTo);
    }

    /** An index whose csum and size match the manifest, as a readable archive. */
    static ChunkedArchive verifiedArchive(Readable r, BackupManifest manifest, String name, Path p) {
        IndexFile idx = openIndex(r.dir(), name, p);
        manifest.verifyFile(name, idx.size(), idx.computeCsum());
        return new ChunkedArchive(idx, r.ds().chunkStore());
    }

    /** Opens an index file of the snapshot; 400 naming the file if it is unreadable. */
    static IndexFile openIndex(BackupDir d, String name, Path p) {
        try {
            return IndexFile.open(p);
        } catch (IOException e) {
            throw ServiceException.badRequest("unable to read index '" + d + "/" + name + "' - " + e.getMessage());
        }
    }

    Readable readable(AuthService.Caller caller, SnapshotSelector sel) {
        return readable(permissions, datastores, caller, sel);
    }

    /** Shared with the browse service (static: package methods of an EJB proxy must not be called). */
    static Readable readable(PermissionService permissions, DatastoreRegistry datastores, AuthService.Caller caller,
            SnapshotSelector sel) {
        String store = sel.storeName();
        BackupDir d = sel.dir();
        boolean full = NamespaceAccess.full(permissions.tree(), caller, store, d.ns(),
                Privilege.mask(DATASTORE_READ), Privilege.mask(DATASTORE_BACKUP));
        Datastore ds = datastores.lookup(store);
        NamespaceAccess.requireOwnerUnlessFull(full, ds, d.group(), caller);
        SnapshotListService.requireSnapshot(ds, d);
        return new Readable(ds, d);
    }

    /** A regular file directly in the snapshot directory; symlinks are never followed. */
    static Path existingFile(Readable r, String name) {
        Path p = r.file(name);
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw ServiceException.badRequest("File open failed: '" + name + "' does not exist in snapshot " + r.dir());
        }
        return p;
    }

    private static byte[] read(Path p) {
        try {
            if (Files.size(p) > DataBlobCodec.MAX_ENCODED_SIZE) {
                throw ServiceException.badRequest("blob '" + p.getFileName() + "' is too large");
            }
            return Files.readAllBytes(p); // bounded above; a blob is decoded as a whole anyway
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + p.getFileName(), e);
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
