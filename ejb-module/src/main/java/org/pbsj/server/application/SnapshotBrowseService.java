package org.pbsj.server.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.pbsj.core.catalog.CatalogEntry;
import org.pbsj.core.catalog.CatalogEntryType;
import org.pbsj.core.catalog.CatalogReader;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.datastore.ChunkedArchive;
import org.pbsj.core.datastore.SnapshotManifests;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.pxar.Entry;
import org.pbsj.core.pxar.EntryKind;
import org.pbsj.core.pxar.PxarAccessor;

/**
 * Browsing inside a snapshot: the file catalog ({@code catalog.pcat1.didx}) and single files or
 * directories (as ZIP) of a pxar archive, read straight from the chunk store.
 */
@Stateless
public class SnapshotBrowseService {
    static final String CATALOG = "catalog.pcat1.didx";

    @Inject
    DatastoreRegistry datastores;
    @Inject
    PermissionService permissions;

    /** ArchiveEntry of the catalog API: {@code filepath} is base64 of the full path. */
    public record CatalogItem(String filepath, String text, String type, boolean leaf, Long size, Long mtime) {
    }

    /** The entries of a directory of the catalog; {@code root} or {@code /} lists the archives. */
    public List<CatalogItem> catalog(AuthService.Caller caller, SnapshotSelector sel, String filepath) {
        if (filepath == null) {
            throw SnapshotSelector.missing("filepath");
        }
        SnapshotDownloadService.Readable r = SnapshotDownloadService.readable(permissions, datastores, caller, sel);
        byte[] path = filepath.equals("root") || filepath.equals("/") ? new byte[] {'/'} : base64("filepath", filepath);
        ChunkedArchive archive = archive(r, CATALOG);
        return CoreErrors.call(() -> {
            try {
                return list(CatalogReader.open(archive, CATALOG), path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read catalog of " + r.dir(), e);
            }
        });
    }

    /**
     * {@code /<archive.pxar.didx>/<path>}: a file's content (a hardlink's target), or a directory
     * as a ZIP stream. {@code tar} (tar.zst) is not supported.
     */
    public SnapshotDownloadService.Download pxarFile(AuthService.Caller caller, SnapshotSelector sel, String filepath,
            boolean tar) {
        if (filepath == null) {
            throw SnapshotSelector.missing("filepath");
        }
        SnapshotDownloadService.Readable r = SnapshotDownloadService.readable(permissions, datastores, caller, sel);
        byte[] full = base64("filepath", filepath);
        int start = full.length > 0 && full[0] == '/' ? 1 : 0;
        int slash = start;
        while (slash < full.length && full[slash] != '/') {
            slash++;
        }
        String archiveName = SnapshotSelector.fileName("filepath",
                new String(full, start, slash - start, StandardCharsets.UTF_8));
        if (!archiveName.endsWith(".pxar.didx")) {
            throw ServiceException.badRequest("'" + archiveName + "' is not a pxar archive");
        }
        String inner = slash < full.length ? new String(full, slash, full.length - slash, StandardCharsets.UTF_8) : "/";
        ChunkedArchive archive = archive(r, archiveName);
        PxarAccessor pxar = PxarAccessor.open(archive, archive.size(), archiveName);
        return CoreErrors.call(() -> {
            try {
                Entry e = pxar.lookup(inner).orElseThrow(
                        () -> ServiceException.badRequest("error opening '" + inner + "'"));
                return switch (e.kind()) {
                    case FILE -> fileDownload(pxar, e);
                    case HARDLINK -> fileDownload(pxar, pxar.resolveHardlink(e));
                    case DIRECTORY -> {
                        if (tar) {
                            throw ServiceException.badRequest("tar download of directories is not supported, use zip");
                        }
                        yield new SnapshotDownloadService.Download(archiveName, -1, out -> PxarZip.write(pxar, e, out));
                    }
                    default -> throw ServiceException.badRequest("cannot download file of type " + e.kind());
                };
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read " + archiveName, ex);
            }
        });
    }

    private static SnapshotDownloadService.Download fileDownload(PxarAccessor pxar, Entry file) {
        return new SnapshotDownloadService.Download(new String(file.fileName(), StandardCharsets.UTF_8), file.fileSize(),
                out -> pxar.contents(file).transferTo(out));
    }

    /** An archive of the snapshot, refused if encrypted, checked against the manifest. */
    private static ChunkedArchive archive(SnapshotDownloadService.Readable r, String name) {
        BackupManifest manifest = CoreErrors.call(() -> SnapshotManifests.load(r.ds(), r.dir()).manifest());
        Optional<FileInfo> info = manifest.lookupFile(name);
        if (info.isPresent() && info.get().cryptMode() == CryptMode.ENCRYPT) {
            throw ServiceException.badRequest("cannot decode '" + name + "' - is encrypted");
        }
        return CoreErrors.call(() -> SnapshotDownloadService.verifiedArchive(r, manifest, name,
                SnapshotDownloadService.existingFile(r, name)));
    }

    /** PBS {@code list_dir_contents}: follows the path byte-exactly, then lists the directory. */
    private static List<CatalogItem> list(CatalogReader reader, byte[] path) throws IOException {
        CatalogEntry current = reader.root();
        boolean root = path.length == 1 && path[0] == '/';
        if (!root) {
            int from = path.length > 0 && path[0] == '/' ? 1 : 0;
            for (byte[] comp : split(path, from)) {
                CatalogEntry next = null;
                if (current.isDirectory()) {
                    for (CatalogEntry e : reader.readDirectory(current)) {
                        if (e.nameEquals(comp)) {
                            next = e;
                            break;
                        }
                    }
                }
                if (next == null) {
                    throw ServiceException.badRequest("path \"" + new String(path, StandardCharsets.UTF_8)
                            + "\" not found in catalog");
                }
                current = next;
            }
        }
        if (!current.isDirectory()) {
            throw ServiceException.badRequest("\"" + new String(path, StandardCharsets.UTF_8) + "\" is not a directory");
        }
        List<CatalogItem> out = new ArrayList<>();
        for (CatalogEntry e : reader.readDirectory(current)) {
            byte[] name = e.name();
            byte[] full = Arrays.copyOf(path, path.length + (root ? 0 : 1) + name.length);
            if (!root) {
                full[path.length] = '/';
            }
            System.arraycopy(name, 0, full, full.length - name.length, name.length);
            boolean file = e.type() == CatalogEntryType.FILE;
            out.add(new CatalogItem(Base64.getEncoder().encodeToString(full), new String(name, StandardCharsets.UTF_8),
                    String.valueOf(e.type().letter()), !e.isDirectory(), file ? e.size() : null,
                    file ? e.mtime() : null));
        }
        return out;
    }

    private static List<byte[]> split(byte[] path, int from) {
        List<byte[]> out = new ArrayList<>();
        int s = from;
        for (int i = from; i <= path.length; i++) {
            if (i == path.length || path[i] == '/') {
                out.add(Arrays.copyOfRange(path, s, i));
                s = i + 1;
            }
        }
        return out;
    }

    private static byte[] base64(String param, String value) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw SnapshotSelector.invalid(param, e);
        }
    }
}
