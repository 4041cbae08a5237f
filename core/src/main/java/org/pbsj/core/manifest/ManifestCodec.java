package org.pbsj.core.manifest;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.crypto.Fingerprint;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.DecryptionException;
import org.pbsj.core.json.Json;

/**
 * Manifest JSON as PBS reads and writes it ({@code manifest.md} §2-4). Works on the JSON bytes;
 * wrapping them in a DataBlob (compressed, never encrypted) is the caller's job.
 *
 * <p>Reading is lenient where PBS is (any key order, missing {@code unprotected} or
 * {@code crypt-mode}, missing or null {@code signature}, unknown fields ignored) and strict about
 * types. Writing is serde_json's pretty printer with sorted keys, so unknown top-level fields are
 * dropped on rewrite exactly as the PBS server does.
 */
public final class ManifestCodec {
    private static final String SOURCE = ArchiveNames.MANIFEST_BLOB_NAME;
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ManifestCodec() {
    }

    // ------------------------------------------------------------------ reading

    /** Parses manifest JSON without checking any signature. */
    public static BackupManifest parse(byte[] json) {
        return fromJson(Json.parseObject(json, SOURCE));
    }

    /**
     * PBS {@code BackupManifest::from_data}: parses and, if a key is given and the manifest is
     * signed, verifies the signature over the object as read (unknown top-level fields included).
     *
     * @throws DecryptionException "wrong key" or "wrong signature in manifest"
     */
    public static BackupManifest parse(byte[] json, CryptConfig key) {
        Map<String, Object> raw = Json.parseObject(json, SOURCE);
        if (key != null && raw.get("signature") instanceof String signature) {
            Object fp = raw.get("unprotected") instanceof Map<?, ?> u ? u.get(BackupManifest.KEY_FINGERPRINT) : null;
            if (fp != null) {
                Fingerprint manifestFp = parseFingerprint(fp);
                if (!manifestFp.equals(key.fingerprint())) {
                    throw new DecryptionException(SOURCE, -1, "wrong key - unable to verify signature since manifest's key "
                            + manifestFp + " does not match provided key " + key.fingerprint());
                }
            }
            requireSignature(signature, hexSignature(raw, key));
        }
        return fromJson(raw);
    }

    /** Builds the typed manifest from an already parsed JSON object. */
    public static BackupManifest fromJson(Map<String, Object> json) {
        String type = string(json, "backup-type", "");
        if (!BackupManifest.BACKUP_TYPES.contains(type)) {
            throw corrupt("unknown backup-type \"" + type + "\"");
        }
        String id = string(json, "backup-id", "");
        long time = integer(json.get("backup-time"), "backup-time");
        if (!(json.get("files") instanceof List<?> fileList)) {
            throw corrupt("files: " + (json.containsKey("files") ? "expected an array" : "missing field"));
        }
        List<FileInfo> files = new ArrayList<>(fileList.size());
        for (int i = 0; i < fileList.size(); i++) {
            files.add(fileInfo(fileList.get(i), "files[" + i + "]"));
        }
        Object unprotected = json.get("unprotected");
        if (unprotected != null && !(unprotected instanceof Map)) {
            throw corrupt("unprotected: expected an object");
        }
        Object signature = json.get("signature");
        if (signature != null && !(signature instanceof String)) {
            throw corrupt("signature: expected a string or null");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> unprotectedMap = unprotected == null ? Map.of() : (Map<String, Object>) unprotected;
        return new BackupManifest(type, id, time, files, unprotectedMap, (String) signature);
    }

    private static FileInfo fileInfo(Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) {
            throw corrupt(where + ": expected an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> obj = (Map<String, Object>) m;
        String filename = string(obj, "filename", where + ".");
        CryptMode mode = obj.containsKey("crypt-mode")
                ? CryptMode.fromJson(string(obj, "crypt-mode", where + "."), SOURCE) : CryptMode.NONE;
        long size = unsigned(obj.get("size"), where + ".size");
        byte[] csum = csum(string(obj, "csum", where + "."), where + ".csum");
        try {
            return new FileInfo(filename, mode, size, csum);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(SOURCE, -1, where + ": " + e.getMessage(), e);
        }
    }

    private static String string(Map<String, Object> obj, String key, String where) {
        Object v = obj.get(key);
        if (!(v instanceof String s)) {
            throw corrupt(where + key + ": " + (obj.containsKey(key) ? "expected a string" : "missing field"));
        }
        return s;
    }

    private static long integer(Object v, String where) {
        if (!(v instanceof Long l)) {
            throw corrupt(where + ": " + (v == null ? "missing field" : "expected a 64-bit integer"));
        }
        return l;
    }

    /** u64: a non-negative Long, or a BigInteger up to 2^64-1 kept in a long's bits. */
    private static long unsigned(Object v, String where) {
        if (v instanceof Long l && l >= 0) {
            return l;
        }
        if (v instanceof BigInteger b && b.signum() >= 0 && b.compareTo(U64_MAX) <= 0) {
            return b.longValue();
        }
        throw corrupt(where + ": " + (v == null ? "missing field" : "expected an unsigned 64-bit integer"));
    }

    private static byte[] csum(String hex, String where) {
        try {
            byte[] csum = HexFormat.of().parseHex(hex); // accepts both cases, like the hex crate
            if (csum.length == FileInfo.CSUM_SIZE) {
                return csum;
            }
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(SOURCE, -1, where + ": not hex", e);
        }
        throw corrupt(where + ": expected 32 bytes");
    }

    private static Fingerprint parseFingerprint(Object fp) {
        if (!(fp instanceof String s)) {
            throw corrupt("key-fingerprint: expected a string");
        }
        return Fingerprint.parse(s);
    }

    private static CorruptDataException corrupt(String message) {
        return new CorruptDataException(SOURCE, -1, message);
    }

    // ------------------------------------------------------------------ writing

    /** serde_json {@code to_value} of the manifest: a generic JSON object (signature null if unsigned). */
    public static Map<String, Object> toJson(BackupManifest m) {
        Map<String, Object> json = signedPart(m);
        json.put("unprotected", BackupManifest.thaw(m.unprotected()));
        json.put("signature", m.signature());
        return json;
    }

    /** The JSON text as stored in {@code index.json.blob}: pretty, sorted keys, no final newline. */
    public static String toPrettyJson(BackupManifest m) {
        return Json.pretty(toJson(m));
    }

    public static byte[] encode(BackupManifest m) {
        return toPrettyJson(m).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> signedPart(BackupManifest m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("backup-type", m.backupType());
        json.put("backup-id", m.backupId());
        json.put("backup-time", m.backupTime());
        List<Object> files = new ArrayList<>();
        for (FileInfo f : m.files()) {
            Map<String, Object> fi = new LinkedHashMap<>();
            fi.put("filename", f.filename());
            fi.put("crypt-mode", f.cryptMode().jsonName());
            fi.put("size", f.size() >= 0 ? (Object) f.size() : new BigInteger(Long.toUnsignedString(f.size())));
            fi.put("csum", f.csumHex());
            files.add(fi);
        }
        json.put("files", files);
        return json;
    }

    // ------------------------------------------------------------------ signature

    /** Canonical JSON of everything but {@code unprotected} and {@code signature} (§4 steps 1-2). */
    public static byte[] signingInput(BackupManifest m) {
        return Json.canonicalUtf8(signedPart(m));
    }

    /** Canonical signing input of a raw manifest object, unknown top-level fields included. */
    public static byte[] signingInput(Map<String, Object> rawManifest) {
        Map<String, Object> copy = new LinkedHashMap<>(rawManifest);
        copy.remove("unprotected");
        copy.remove("signature");
        try {
            return Json.canonicalUtf8(copy);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(SOURCE, -1, "cannot canonicalize manifest: " + e.getMessage(), e);
        }
    }

    /** HMAC-SHA256 with the id key over {@link #signingInput}, as lowercase hex. */
    public static String computeSignature(BackupManifest m, CryptConfig key) {
        return HexFormat.of().formatHex(key.computeAuthTag(signingInput(m)));
    }

    private static String hexSignature(Map<String, Object> raw, CryptConfig key) {
        return HexFormat.of().formatHex(key.computeAuthTag(signingInput(raw)));
    }

    /** Client side before upload: sets {@code signature} and {@code unprotected.key-fingerprint}. */
    public static BackupManifest sign(BackupManifest m, CryptConfig key) {
        return m.withSignature(computeSignature(m, key))
                .withUnprotectedValue(BackupManifest.KEY_FINGERPRINT, key.fingerprint().toString());
    }

    /**
     * Verifies a typed manifest like {@code from_data} does: unsigned manifests pass silently;
     * a signed one must carry the key's fingerprint (if any) and the right signature.
     */
    public static void verify(BackupManifest m, CryptConfig key) {
        if (!m.isSigned()) {
            return;
        }
        Optional<Fingerprint> fp = m.keyFingerprint();
        if (fp.isPresent() && !fp.get().equals(key.fingerprint())) {
            throw new DecryptionException(SOURCE, -1, "wrong key - unable to verify signature since manifest's key "
                    + fp.get() + " does not match provided key " + key.fingerprint());
        }
        requireSignature(m.signature(), computeSignature(m, key));
    }

    private static void requireSignature(String actual, String expected) {
        // PBS compares the hex strings; compare in constant time anyway
        if (!MessageDigest.isEqual(actual.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw new DecryptionException(SOURCE, -1, "wrong signature in manifest");
        }
    }

    /**
     * PBS {@code check_fingerprint}: a manifest made with a key cannot be used without that key.
     *
     * @param key the key at hand, or {@code null}
     * @throws DecryptionException "missing key" or "wrong key"
     */
    public static void checkFingerprint(BackupManifest m, CryptConfig key) {
        Optional<Fingerprint> fp = m.keyFingerprint();
        if (fp.isEmpty()) {
            return;
        }
        if (key == null) {
            throw new DecryptionException(SOURCE, -1, "missing key - manifest was created with key " + fp.get());
        }
        if (!fp.get().equals(key.fingerprint())) {
            throw new DecryptionException(SOURCE, -1, "wrong key - manifest's key " + fp.get()
                    + " does not match provided key " + key.fingerprint());
        }
    }

    // ------------------------------------------------------------------ server-side update

    /**
     * The server's manifest update (§5.3): parse the stored JSON, let {@code edit} change a
     * mutable copy of {@code unprotected} (unknown keys are kept), write it back pretty. Nothing
     * else changes, so the signature stays valid. Locking and the blob wrapping are the caller's.
     */
    public static byte[] updateUnprotected(byte[] storedJson, Consumer<Map<String, Object>> edit) {
        BackupManifest m = parse(storedJson);
        Map<String, Object> unprotected = BackupManifest.thaw(m.unprotected());
        edit.accept(unprotected);
        return encode(m.withUnprotected(unprotected));
    }
}
