package org.pbsj.core.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.store.StoreException;

class SnapshotManifestsTest {
    @TempDir
    Path dir;
    TestDatastore t;
    BackupDir d = Snapshots.of("ns/a/host/h1/2024-01-01T00:00:00Z");

    @BeforeEach
    void setUp() throws Exception {
        t = TestDatastore.in(dir).unfinished(d.path());
        BackupManifest m = BackupManifest.create("host", "h1", d.time())
                .withUnprotectedValue("chunk_upload_stats", Map.of("count", 1L))
                .withSignature("00".repeat(32));
        Files.write(t.store.manifestPath(d), DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw());
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void loadGivesTheManifestAndTheBlobSize() throws Exception {
        SnapshotManifests.Loaded l = SnapshotManifests.load(t.store, d);
        assertEquals("h1", l.manifest().backupId());
        assertEquals(Files.size(t.store.manifestPath(d)), l.rawSize());
    }

    @Test
    void updateChangesOnlyUnprotectedAndKeepsOtherKeys() {
        SnapshotManifests.update(t.store, d, u -> u.put("notes", "hello\nworld"));
        BackupManifest m = SnapshotManifests.load(t.store, d).manifest();
        assertEquals("hello\nworld", m.unprotected().get("notes"));
        assertEquals(Map.of("count", 1L), m.unprotected().get("chunk_upload_stats"));
        assertEquals("00".repeat(32), m.signature());
        assertEquals("hello", m.comment().orElseThrow());
    }

    @Test
    void missingManifestIsAStoreError() {
        BackupDir other = Snapshots.of("host/h2/2024-01-01T00:00:00Z");
        t.unfinished(other.path());
        assertThrows(StoreException.class, () -> SnapshotManifests.load(t.store, other));
        assertThrows(StoreException.class, () -> SnapshotManifests.update(t.store, other, u -> u.put("x", 1L)));
    }
}
