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
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import org.pbsj.core.client.ClientException;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.pxar.Entry;
import org.pbsj.core.pxar.EntryKind;
import org.pbsj.core.pxar.Metadata;
import org.pbsj.core.pxar.PxarDecoder;

/**
 * {@code pbs-debug diff archive}: which paths of a pxar archive were added, removed or changed
 * between two snapshots of a local datastore, and for changed ones which properties differ
 * (type, permissions, owner, mtime, size, link target, device, xattrs/ACL/fcaps, and with
 * {@code --compare-content} the content). Each archive is decoded once, as a stream; the
 * per-path summaries of both are held in memory for the comparison.
 */
final class DiffCommand {
    private final DebugMain main;

    DiffCommand(DebugMain main) {
        this.main = main;
    }

    /** What is compared of one path. {@code content} is a SHA-256, only with --compare-content. */
    private record Summary(EntryKind kind, Metadata meta, long size, byte[] link, long major, long minor,
            byte[] content) {
    }

    int run(ParsedArgs a) throws IOException {
        String repo = a.option("repository");
        if (repo == null) {
            throw new UsageException("missing option --repository (the local datastore directory)");
        }
        Path store = main.path(repo);
        BackupNamespace ns = BackupNamespace.parse(a.option("ns", ""));
        String archive = a.arg("archive").endsWith(".didx") ? a.arg("archive") : a.arg("archive") + ".didx";
        CryptConfig key = main.key(a).orElse(null);
        boolean content = a.flag("compare-content");
        Map<String, Summary> left = read(store, ns, a.arg("snapshot-a"), archive, key, content);
        Map<String, Summary> right = read(store, ns, a.arg("snapshot-b"), archive, key, content);

        List<Map<String, Object>> rows = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(left.keySet());
        paths.addAll(right.keySet());
        for (String p : paths) {
            Summary l = left.get(p);
            Summary r = right.get(p);
            if (l == null) {
                rows.add(row("added", p, r, List.of()));
            } else if (r == null) {
                rows.add(row("removed", p, l, List.of()));
            } else {
                List<String> changed = changes(l, r);
                if (!changed.isEmpty()) {
                    rows.add(row("changed", p, r, changed));
                }
            }
        }
        if (main.format(a) == OutputFormat.TEXT) {
            for (Map<String, Object> row : rows) {
                String what = switch ((String) row.get("change")) {
                    case "added" -> "A";
                    case "removed" -> "D";
                    default -> "M";
                };
                @SuppressWarnings("unchecked")
                List<String> changed = (List<String>) row.get("changed");
                main.out.println(what + "  " + row.get("type") + "  " + row.get("path")
                        + (changed.isEmpty() ? "" : "  (" + String.join(", ", changed) + ")"));
            }
        } else {
            main.print(a, main.out, rows, List.of());
        }
        return 0;
    }

    private static Map<String, Object> row(String change, String path, Summary s, List<String> changed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("change", change);
        m.put("type", s.kind.name().toLowerCase(java.util.Locale.ROOT));
        m.put("path", path);
        m.put("changed", changed);
        return m;
    }

    private static List<String> changes(Summary l, Summary r) {
        List<String> c = new ArrayList<>();
        if (l.kind != r.kind) {
            c.add("type");
        }
        if (l.meta.permissions() != r.meta.permissions()) {
            c.add("permissions");
        }
        if (l.meta.uid() != r.meta.uid()) {
            c.add("uid");
        }
        if (l.meta.gid() != r.meta.gid()) {
            c.add("gid");
        }
        if (l.meta.mtimeSecs() != r.meta.mtimeSecs() || l.meta.mtimeNanos() != r.meta.mtimeNanos()) {
            c.add("mtime");
        }
        if (l.size != r.size) {
            c.add("size");
        }
        if (!Arrays.equals(l.link, r.link)) {
            c.add("link");
        }
        if (l.major != r.major || l.minor != r.minor) {
            c.add("device");
        }
        if (l.meta.flags() != r.meta.flags() || !l.meta.xattrs().equals(r.meta.xattrs())
                || !Objects.equals(l.meta.acl(), r.meta.acl()) || !Arrays.equals(l.meta.fcaps(), r.meta.fcaps())
                || !Objects.equals(l.meta.quotaProjectId(), r.meta.quotaProjectId())) {
            c.add("attributes");
        }
        if (l.content != null && r.content != null && !Arrays.equals(l.content, r.content)) {
            c.add("content");
        }
        return c;
    }

    /** Decodes one snapshot's archive into path → summary, after checking it against the manifest. */
    private Map<String, Summary> read(Path store, BackupNamespace ns, String snapshot, String archive,
            CryptConfig key, boolean content) throws IOException {
        BackupDir dir = BackupDir.parse((ns.isRoot() ? "" : ns.path() + "/") + snapshot);
        Path snapDir = store.resolve(dir.path());
        if (!Files.isDirectory(snapDir)) {
            throw new ClientException("snapshot " + snapshot + " not found: " + snapDir);
        }
        Path chunkDir = DebugMain.chunkDir(store);
        Path indexPath = snapDir.resolve(archive);
        if (!Files.exists(indexPath)) {
            throw new ClientException("archive " + archive + " not found in snapshot " + snapshot + " (split "
                    + "archives, .mpxar/.ppxar, are not supported by diff yet)");
        }
        IndexFile index = IndexFile.open(indexPath);
        checkManifest(snapDir, archive, index, key);
        Map<String, Summary> out = new TreeMap<>();
        try (InputStream in = new ArchiveInputStream(index, chunkDir, key);
                PxarDecoder dec = PxarDecoder.open(new java.io.BufferedInputStream(in, 1 << 16), indexPath.toString())) {
            for (Entry e = dec.next(); e != null; e = dec.next()) {
                if (e.kind() == EntryKind.GOODBYE) {
                    continue;
                }
                byte[] digest = content && e.kind() == EntryKind.FILE ? sha256(dec.contents()) : null;
                out.put(e.pathString(), new Summary(e.kind(), e.metadata(), e.fileSize(), e.link(),
                        e.deviceMajor(), e.deviceMinor(), digest));
            }
        }
        return out;
    }

    /** The index must be the one the manifest lists, and an encrypted archive needs the key. */
    private static void checkManifest(Path snapDir, String archive, IndexFile index, CryptConfig key) {
        Path manifestPath = snapDir.resolve(BackupDir.MANIFEST);
        if (!Files.exists(manifestPath)) {
            throw new ClientException(manifestPath + ": snapshot has no manifest (unfinished backup?)");
        }
        byte[] json = DataBlobCodec.decode(DataBlobCodec.load(DebugMain.readSmall(manifestPath),
                manifestPath.toString()), null, null);
        BackupManifest m = ManifestCodec.parse(json);
        FileInfo info = m.requireFile(archive);
        if (info.cryptMode().encryptsChunks() && key == null) {
            throw new ClientException(archive + " in " + snapDir + " is encrypted: --keyfile is needed");
        }
        m.verifyFile(archive, index.size(), index.computeCsum());
    }

    private static byte[] sha256(InputStream in) throws IOException {
        MessageDigest md = CryptConfig.sha256Digest();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) > 0;) {
            md.update(buf, 0, n);
        }
        return md.digest();
    }
}
