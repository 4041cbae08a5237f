package org.pbsj.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.index.IndexSummary;
import org.pbsj.core.pxar.Metadata;
import org.pbsj.core.pxar.PxarEncoder;
import org.pbsj.core.pxar.PxarFormat;

@Timeout(60)
class DebugDiffTest {
    private static final long T = 1700000000L;
    private static final String A = "host/elsa/2024-06-01T00:00:00Z";
    private static final String B = "host/elsa/2024-06-02T00:00:00Z";

    @TempDir
    Path dir;
    DebugFixture fx;

    @BeforeEach
    void setUp() throws IOException {
        fx = new DebugFixture(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static Metadata dir(int perm) {
        return Metadata.of(PxarFormat.IFDIR | perm, 0, 0, T, 0);
    }

    private static Metadata file(int perm, long mtime) {
        return Metadata.of(PxarFormat.IFREG | perm, 1000, 1000, mtime, 0);
    }

    private void snapshot(String snap, boolean second, CryptConfig key) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PxarEncoder enc = PxarEncoder.create(out, dir(0755))) {
            enc.addFile("a.txt".getBytes(), file(0644, T), (second ? "two" : "one").getBytes());
            enc.beginDirectory("etc".getBytes(), dir(0755));
            enc.addFile("hosts".getBytes(), file(second ? 0600 : 0644, T), "127.0.0.1 localhost".getBytes());
            if (second) {
                enc.addSymlink("link".getBytes(), Metadata.of(PxarFormat.IFLNK | 0777, 0, 0, T, 0), "hosts".getBytes());
            }
            enc.endDirectory();
            if (second) {
                enc.addFile("new.txt".getBytes(), file(0644, T + 5), "fresh".getBytes());
            } else {
                enc.addFile("old.txt".getBytes(), file(0644, T), "stale".getBytes());
            }
            enc.finish();
        }
        byte[] archive = out.toByteArray();
        Path snapDir = fx.store.resolve(snap);
        int mid = archive.length / 2;
        IndexSummary s = fx.dynamicIndex(snapDir.resolve("root.pxar.didx"), archive, new int[] {mid, archive.length}, key);
        fx.manifest(snapDir, key, DebugFixture.info("root.pxar.didx", s, key == null ? CryptMode.NONE : CryptMode.ENCRYPT));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> changes(DebugFixture.Run r) {
        List<Object> rows = (List<Object>) org.pbsj.core.json.Json.parse(r.out());
        return rows.stream().map(o -> (Map<String, Object>) o).collect(Collectors.toMap(m -> (String) m.get("path"),
                m -> m.get("change") + " " + String.join(",", (List<String>) m.get("changed"))));
    }

    @Test
    void addedRemovedChanged() throws IOException {
        snapshot(A, false, null);
        snapshot(B, true, null);
        DebugFixture.Run r = fx.run("diff", "archive", A, B, "root.pxar", "--repository", "store", "--output-format", "json");
        assertEquals(0, r.rc(), r.err());
        assertEquals(Map.of("/etc/hosts", "changed permissions", "/etc/link", "added ", "/new.txt", "added ",
                "/old.txt", "removed "), changes(r));

        DebugFixture.Run c = fx.run("diff", "archive", A, B, "root.pxar.didx", "--repository", "store",
                "--compare-content", "--output-format", "json");
        assertEquals("changed content", changes(c).get("/a.txt"));

        DebugFixture.Run text = fx.run("diff", "archive", A, B, "root.pxar", "--repository", "store");
        assertTrue(text.out().contains("M  file  /etc/hosts  (permissions)"), text.out());
        assertTrue(text.out().contains("D  file  /old.txt"), text.out());
        assertTrue(text.out().contains("A  symlink  /etc/link"), text.out());
    }

    @Test
    void encryptedArchivesNeedTheKey() throws IOException {
        snapshot(A, false, DebugFixture.key());
        snapshot(B, true, DebugFixture.key());
        DebugFixture.Run noKey = fx.run("diff", "archive", A, B, "root.pxar", "--repository", "store");
        assertEquals(1, noKey.rc());
        assertTrue(noKey.err().contains("--keyfile is needed"), noKey.err());
        DebugFixture.Run r = fx.run("diff", "archive", A, B, "root.pxar", "--repository", "store",
                "--keyfile", fx.keyFile().toString(), "--output-format", "json");
        assertEquals(0, r.rc(), r.err());
        assertEquals("added ", changes(r).get("/new.txt"));
    }

    @Test
    void errors() throws IOException {
        snapshot(A, false, null);
        assertEquals(2, fx.run("diff", "archive", A, B, "root.pxar").rc(), "--repository is required");
        DebugFixture.Run r = fx.run("diff", "archive", A, B, "root.pxar", "--repository", "store");
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("not found"), r.err());
        DebugFixture.Run n = fx.run("diff", "archive", A, A, "nope.pxar", "--repository", "store");
        assertEquals(1, n.rc());
    }
}
