package org.pbsj.core.manifest;

import java.util.regex.Pattern;

import org.pbsj.core.error.UnsupportedFormatException;
import org.pbsj.core.index.ArchiveType;

/** Well-known file names inside a snapshot directory and the archive name rules ({@code manifest.md} §1). */
public final class ArchiveNames {
    public static final String MANIFEST_BLOB_NAME = "index.json.blob";
    public static final String CLIENT_LOG_BLOB_NAME = "client.log.blob";
    public static final String CATALOG_NAME = "catalog.pcat1.didx";
    public static final String ENCRYPTED_KEY_BLOB_NAME = "rsa-encrypted.key.blob";
    public static final String PROTECTED_MARKER_NAME = ".protected";

    /** PBS's {@code PROXMOX_SAFE_ID_REGEX}; also keeps names free of path separators. */
    public static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._\\-]*");

    private ArchiveNames() {
    }

    public static boolean isSafeId(String name) {
        return name != null && SAFE_ID.matcher(name).matches();
    }

    /**
     * Checks an archive name for upload or {@code add_file}: safe id and a known type.
     *
     * @throws InvalidArchiveNameException if either rule fails
     */
    public static ArchiveType requireValid(String archiveName) {
        if (!isSafeId(archiveName)) {
            throw new InvalidArchiveNameException(archiveName, "archive name is not a safe id");
        }
        try {
            return ArchiveType.fromFileName(archiveName);
        } catch (UnsupportedFormatException e) {
            throw new InvalidArchiveNameException(archiveName, "unknown archive type");
        }
    }

    /** Name as PBS displays it: without the trailing {@code .didx}/{@code .fidx}/{@code .blob}. */
    public static String displayName(String archiveName) {
        for (ArchiveType t : ArchiveType.values()) {
            if (archiveName.endsWith("." + t.extension())) {
                return archiveName.substring(0, archiveName.length() - t.extension().length() - 1);
            }
        }
        return archiveName;
    }
}
