package org.pbsj.core.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.pbsj.core.crypto.Fingerprint;
import org.pbsj.core.error.ChecksumMismatchException;
import org.pbsj.core.error.CorruptDataException;

/**
 * A snapshot manifest ({@code index.json.blob} content, {@code manifest.md} §2). Immutable:
 * {@code files} and {@code unprotected} are deep, unmodifiable copies. JSON handling, signing
 * and verification live in {@link ManifestCodec}.
 *
 * @param backupType  {@code vm}, {@code ct} or {@code host}
 * @param backupId    backup id
 * @param backupTime  epoch seconds, same instant as the snapshot directory name
 * @param files       archives in upload order
 * @param unprotected free-form JSON object excluded from the signature (unknown keys kept)
 * @param signature   64 lowercase hex HMAC, or {@code null} for unsigned manifests
 */
public record BackupManifest(String backupType, String backupId, long backupTime, List<FileInfo> files,
        Map<String, Object> unprotected, String signature) {

    public static final Set<String> BACKUP_TYPES = Set.of("vm", "ct", "host");
    public static final String KEY_FINGERPRINT = "key-fingerprint";
    public static final String CHUNK_UPLOAD_STATS = "chunk_upload_stats";
    public static final String VERIFY_STATE = "verify_state";
    public static final String NOTES = "notes";

    public BackupManifest {
        if (!BACKUP_TYPES.contains(backupType)) {
            throw new IllegalArgumentException("invalid backup type \"" + backupType + "\"");
        }
        Objects.requireNonNull(backupId, "backupId");
        files = List.copyOf(files);
        unprotected = freeze(unprotected == null ? Map.of() : unprotected);
    }

    /** A new, unsigned manifest without files, as the client starts it. */
    public static BackupManifest create(String backupType, String backupId, long backupTime) {
        return new BackupManifest(backupType, backupId, backupTime, List.of(), Map.of(), null);
    }

    /** Appends an archive; like PBS {@code add_file} the name must have a known archive type. */
    public BackupManifest withFile(FileInfo file) {
        ArchiveNames.requireValid(file.filename());
        List<FileInfo> list = new ArrayList<>(files);
        list.add(file);
        return new BackupManifest(backupType, backupId, backupTime, list, unprotected, signature);
    }

    public BackupManifest withUnprotected(Map<String, Object> newUnprotected) {
        return new BackupManifest(backupType, backupId, backupTime, files, newUnprotected, signature);
    }

    /** Sets one unprotected key (a {@code null} value is written as JSON null), keeping the others. */
    public BackupManifest withUnprotectedValue(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(unprotected);
        copy.put(key, value);
        return withUnprotected(copy);
    }

    public BackupManifest withSignature(String newSignature) {
        return new BackupManifest(backupType, backupId, backupTime, files, unprotected, newSignature);
    }

    public boolean isSigned() {
        return signature != null;
    }

    public Optional<FileInfo> lookupFile(String filename) {
        return files.stream().filter(f -> f.filename().equals(filename)).findFirst();
    }

    /** PBS {@code lookup_file_info}: the entry, or an error naming the missing file. */
    public FileInfo requireFile(String filename) {
        return lookupFile(filename).orElseThrow(() -> new CorruptDataException(
                ArchiveNames.MANIFEST_BLOB_NAME, -1, "manifest does not contain file '" + filename + "'"));
    }

    /** PBS {@code verify_file}: size first, then checksum. */
    public void verifyFile(String filename, long size, byte[] csum) {
        FileInfo info = requireFile(filename);
        if (info.size() != size) {
            throw new ChecksumMismatchException(filename, -1, "wrong size for file '" + filename + "' ("
                    + Long.toUnsignedString(info.size()) + " != " + Long.toUnsignedString(size) + ")");
        }
        if (!info.csumEquals(csum)) {
            throw new ChecksumMismatchException(filename, -1, "wrong checksum for file '" + filename + "'");
        }
    }

    /** {@code unprotected.key-fingerprint}, if the backup used a key. */
    public Optional<Fingerprint> keyFingerprint() {
        Object fp = unprotected.get(KEY_FINGERPRINT);
        if (fp == null) {
            return Optional.empty();
        }
        if (!(fp instanceof String s)) {
            throw new CorruptDataException(ArchiveNames.MANIFEST_BLOB_NAME, -1, "key-fingerprint is not a string");
        }
        return Optional.of(Fingerprint.parse(s));
    }

    /** Snapshot comment as listed by PBS: the first line of {@code unprotected.notes}. */
    public Optional<String> comment() {
        return unprotected.get(NOTES) instanceof String notes ? Optional.of(notes.lines().findFirst().orElse(""))
                : Optional.empty();
    }

    /** Deep unmodifiable copy of a JSON value; maps keep their order and may hold nulls. */
    @SuppressWarnings("unchecked")
    static <T> T freeze(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, freeze(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(freeze(v)));
            return (T) Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** Deep mutable copy, for callers that edit {@code unprotected}. */
    @SuppressWarnings("unchecked")
    static <T> T thaw(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, thaw(v)));
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(thaw(v)));
            return (T) copy;
        }
        return value;
    }
}
