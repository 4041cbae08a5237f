package org.pbsj.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.error.DecryptionException;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.index.ArchiveType;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;

/**
 * The manifest part of {@code inspect file index.json.blob}: snapshot, signature state and,
 * for each listed archive found next to the manifest, whether its size and checksum match.
 */
final class ManifestInspector {
    static final String UNSIGNED = "unsigned";
    static final String VALID = "valid";
    static final String INVALID = "invalid";
    static final String NO_KEY = "no key to check";

    private ManifestInspector() {
    }

    /** Adds the manifest fields to {@code info}; returns the problems found. */
    static List<String> inspect(byte[] json, Path snapshotDir, CryptConfig key, Map<String, Object> info) {
        List<String> problems = new ArrayList<>();
        BackupManifest m = ManifestCodec.parse(json);
        info.put("backup-type", m.backupType());
        info.put("backup-id", m.backupId());
        info.put("backup-time", m.backupTime());
        info.put("key-fingerprint", m.unprotected().get(BackupManifest.KEY_FINGERPRINT));
        String state;
        if (!m.isSigned()) {
            state = UNSIGNED;
        } else if (key == null) {
            state = NO_KEY;
        } else {
            try {
                ManifestCodec.parse(json, key);
                state = VALID;
            } catch (DecryptionException e) {
                state = INVALID;
                info.put("signature-error", e.getMessage());
                problems.add("manifest signature invalid: " + e.getMessage());
            }
        }
        info.put("signature", state);
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileInfo f : m.files()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("filename", f.filename());
            row.put("crypt-mode", f.cryptMode().jsonName());
            row.put("size", f.size());
            row.put("csum", f.csumHex());
            String check = check(snapshotDir.resolve(f.filename()), f);
            row.put("check", check);
            if (!check.equals("ok") && !check.equals("missing")) {
                problems.add(f.filename() + ": " + check);
            }
            files.add(row);
        }
        info.put("files", files);
        return problems;
    }

    /** {@code ok}, {@code missing}, or what does not match. */
    private static String check(Path file, FileInfo f) {
        if (!Files.exists(file)) {
            return "missing";
        }
        try {
            long size;
            byte[] csum;
            if (ArchiveType.fromFileName(f.filename()) == ArchiveType.BLOB) {
                size = Files.size(file);
                csum = sha256(file);
            } else {
                IndexFile idx = IndexFile.open(file);
                size = idx.size();
                csum = idx.computeCsum();
            }
            if (size != f.size()) {
                return "size mismatch (file has " + size + ")";
            }
            return Arrays.equals(csum, f.csum()) ? "ok" : "csum mismatch (file has " + DebugMain.hex(csum) + ")";
        } catch (IOException | PbsFormatException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static byte[] sha256(Path file) throws IOException {
        MessageDigest md = org.pbsj.core.crypto.CryptConfig.sha256Digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }
}
