package org.pbsj.core.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.DecryptionException;
import org.pbsj.core.json.Json;

class ManifestCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    /** manifest.md §4.1: scrypt("test", empty salt, N=65536, r=8, p=1). */
    private static CryptConfig testKey;

    private static final String CANONICAL_41 = "{\"backup-id\":\"elsa\",\"backup-time\":1593179765,\"backup-type\":\"host\","
            + "\"files\":[{\"crypt-mode\":\"encrypt\",\"csum\":\"0101010101010101010101010101010101010101010101010101010101010101\","
            + "\"filename\":\"test1.img.fidx\",\"size\":200},{\"crypt-mode\":\"none\",\"csum\":"
            + "\"0202020202020202020202020202020202020202020202020202020202020202\",\"filename\":\"abc.blob\",\"size\":200}]}";
    private static final String SIGNATURE_41 = "d7b446fb7db081662081d4b40fedd858a1d6307a5aff4ecff7d5bf4fd35679e9";
    private static final String FINGERPRINT_41 =
            "12:b9:b7:74:bb:3d:89:95:2b:97:cb:c2:82:f0:0c:14:2b:83:ba:7f:96:62:6a:a1:5a:44:9a:63:e8:91:fe:25";

    /** manifest.md §2.4, byte for byte. */
    private static final String PRETTY_24 = """
            {
              "backup-id": "elsa",
              "backup-time": 1593179765,
              "backup-type": "host",
              "files": [
                {
                  "crypt-mode": "none",
                  "csum": "36c80f3493139f29c19f20073e97620d09501ee42fa4e0111368dba3c1002d8a",
                  "filename": "root.pxar.didx",
                  "size": 1048576
                }
              ],
              "signature": null,
              "unprotected": {
                "chunk_upload_stats": {
                  "compressed_size": 52345,
                  "count": 5,
                  "duplicates": 0,
                  "size": 1048576
                }
              }
            }""";

    @BeforeAll
    static void deriveKey() {
        byte[] key = SCrypt.generate("test".getBytes(StandardCharsets.US_ASCII), new byte[0], 65536, 8, 1, 32);
        assertEquals("28cdb1a3bef39396c3860e00d448fe7a0efd8244486ab6feb30457681d31597e", HEX.formatHex(key));
        testKey = CryptConfig.fromKey(key);
        assertEquals("758495a21c31047f543f46d694700e02d168568bab37bb0ceece947b591f5100", HEX.formatHex(testKey.idKey()));
    }

    private static byte[] fill(int b) {
        byte[] a = new byte[32];
        Arrays.fill(a, (byte) b);
        return a;
    }

    private static BackupManifest vector41() {
        return BackupManifest.create("host", "elsa", 1593179765L)
                .withFile(new FileInfo("test1.img.fidx", CryptMode.ENCRYPT, 200, fill(1)))
                .withFile(new FileInfo("abc.blob", CryptMode.NONE, 200, fill(2)))
                .withUnprotectedValue("note", "This is not protected by the signature.");
    }

    @Test
    void signingVectorOfSection41() {
        BackupManifest m = vector41();
        assertEquals(CANONICAL_41, new String(ManifestCodec.signingInput(m), StandardCharsets.UTF_8));
        assertEquals(SIGNATURE_41, ManifestCodec.computeSignature(m, testKey));

        BackupManifest signed = ManifestCodec.sign(m, testKey);
        assertEquals(SIGNATURE_41, signed.signature());
        assertEquals(FINGERPRINT_41, signed.unprotected().get("key-fingerprint"));
        assertEquals("This is not protected by the signature.", signed.unprotected().get("note"));

        byte[] stored = ManifestCodec.encode(signed);
        BackupManifest read = ManifestCodec.parse(stored, testKey);
        assertEquals(signed, read);
        ManifestCodec.verify(read, testKey);
        ManifestCodec.checkFingerprint(read, testKey);
    }

    @Test
    void prettyExampleOfSection24() {
        BackupManifest m = BackupManifest.create("host", "elsa", 1593179765L)
                .withFile(new FileInfo("root.pxar.didx", CryptMode.NONE, 1048576,
                        HEX.parseHex("36c80f3493139f29c19f20073e97620d09501ee42fa4e0111368dba3c1002d8a")))
                .withUnprotectedValue("chunk_upload_stats",
                        Map.of("count", 5L, "size", 1048576L, "compressed_size", 52345L, "duplicates", 0L));
        assertEquals(PRETTY_24, ManifestCodec.toPrettyJson(m));
        BackupManifest parsed = ManifestCodec.parse(PRETTY_24.getBytes(StandardCharsets.UTF_8));
        assertEquals(m, parsed);
        assertArrayEquals(PRETTY_24.getBytes(StandardCharsets.UTF_8), ManifestCodec.encode(parsed));
    }

    @Test
    void readsOldAndReorderedManifests() {
        String old = "{\"files\":[{\"size\":7,\"filename\":\"a.blob\",\"csum\":\"" + "AB".repeat(32) + "\"}],"
                + "\"backup-time\":-5,\"backup-id\":\"x\",\"backup-type\":\"ct\",\"future\":[1]}";
        BackupManifest m = ManifestCodec.parse(old.getBytes(StandardCharsets.UTF_8));
        assertEquals("ct", m.backupType());
        assertEquals(-5, m.backupTime());
        assertEquals(CryptMode.NONE, m.files().get(0).cryptMode());
        assertEquals("ab".repeat(32), m.files().get(0).csumHex());
        assertEquals(Map.of(), m.unprotected());
        assertNull(m.signature());
        assertFalse(m.isSigned());
        // unknown top-level fields are dropped on rewrite, as the PBS server does
        assertFalse(ManifestCodec.toPrettyJson(m).contains("future"));
        assertTrue(ManifestCodec.toPrettyJson(m).contains("\"signature\": null"));
    }

    @Test
    void unsignedManifestIsAcceptedWithKey() {
        byte[] json = ManifestCodec.encode(vector41());
        assertEquals(vector41(), ManifestCodec.parse(json, testKey));
    }

    @Test
    void wrongSignatureIsRejected() {
        BackupManifest signed = ManifestCodec.sign(vector41(), testKey);
        String tampered = ManifestCodec.toPrettyJson(signed).replace("\"size\": 200", "\"size\": 201");
        DecryptionException e = assertThrows(DecryptionException.class,
                () -> ManifestCodec.parse(tampered.getBytes(StandardCharsets.UTF_8), testKey));
        assertTrue(e.getMessage().contains("wrong signature in manifest"), e.getMessage());
        BackupManifest badSig = signed.withSignature("00".repeat(32));
        assertThrows(DecryptionException.class, () -> ManifestCodec.verify(badSig, testKey));
    }

    @Test
    void unknownTopLevelFieldIsCoveredBySignatureOnRead() {
        Map<String, Object> raw = ManifestCodec.toJson(ManifestCodec.sign(vector41(), testKey));
        raw.put("extra", "x");
        byte[] json = Json.pretty(raw).getBytes(StandardCharsets.UTF_8);
        assertThrows(DecryptionException.class, () -> ManifestCodec.parse(json, testKey));
    }

    @Test
    void unprotectedChangesKeepTheSignatureValid() {
        byte[] stored = ManifestCodec.encode(ManifestCodec.sign(vector41(), testKey));
        byte[] updated = ManifestCodec.updateUnprotected(stored, u -> {
            u.put("verify_state", Map.of("state", "ok", "upid", "UPID:pbs:00000001:00000002:00000003:5EF5F975:verify:x:root@pam:"));
            u.put("notes", "first line\nsecond");
        });
        BackupManifest m = ManifestCodec.parse(updated, testKey);
        assertEquals("This is not protected by the signature.", m.unprotected().get("note"));
        assertEquals(FINGERPRINT_41, m.keyFingerprint().orElseThrow().toString());
        assertEquals("first line", m.comment().orElseThrow());
        assertEquals(SIGNATURE_41, m.signature());
    }

    @Test
    void wrongAndMissingKey() {
        CryptConfig other = CryptConfig.fromKey(fill(7));
        BackupManifest signed = ManifestCodec.sign(vector41(), testKey);
        byte[] stored = ManifestCodec.encode(signed);
        DecryptionException wrong = assertThrows(DecryptionException.class, () -> ManifestCodec.parse(stored, other));
        assertTrue(wrong.getMessage().contains("wrong key"), wrong.getMessage());
        assertThrows(DecryptionException.class, () -> ManifestCodec.verify(signed, other));
        assertThrows(DecryptionException.class, () -> ManifestCodec.checkFingerprint(signed, other));
        DecryptionException missing = assertThrows(DecryptionException.class,
                () -> ManifestCodec.checkFingerprint(signed, null));
        assertTrue(missing.getMessage().contains("missing key"), missing.getMessage());
        // without a fingerprint, a foreign key is only caught by the signature
        BackupManifest noFp = signed.withUnprotected(Map.of());
        assertThrows(DecryptionException.class, () -> ManifestCodec.verify(noFp, other));
        ManifestCodec.checkFingerprint(noFp, null);
        // reading without a key never checks
        assertEquals(signed, ManifestCodec.parse(stored));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]",
        "{\"backup-id\":\"x\",\"backup-time\":1,\"files\":[]}",
        "{\"backup-type\":\"lxc\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":[]}",
        "{\"backup-type\":1,\"backup-id\":\"x\",\"backup-time\":1,\"files\":[]}",
        "{\"backup-type\":\"vm\",\"backup-id\":7,\"backup-time\":1,\"files\":[]}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":\"1\",\"files\":[]}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1.5,\"files\":[]}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":{}}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":[1]}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":[],\"unprotected\":[]}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":[],\"signature\":5}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":18446744073709551615,\"files\":[]}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":[{\"filename\":\"a.blob\",\"size\":-1,\"csum\":\"%s\"}]}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":[{\"filename\":\"a.blob\",\"size\":1,\"csum\":\"abcd\"}]}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":[{\"filename\":\"a.blob\",\"size\":1,\"csum\":\"%sg\"}]}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":[{\"filename\":\"a.blob\",\"size\":1}]}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":[{\"size\":1,\"csum\":\"%s\"}]}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":[{\"filename\":\"../a.blob\",\"size\":1,\"csum\":\"%s\"}]}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":[{\"filename\":\"a.blob\",\"crypt-mode\":\"rot13\",\"size\":1,\"csum\":\"%s\"}]}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":[{\"filename\":\"a.blob\",\"crypt-mode\":null,\"size\":1,\"csum\":\"%s\"}]}",
        "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":[]",
    })
    void badManifestsAreCorruptData(String template) {
        byte[] json = template.replace("%s", "00".repeat(32)).getBytes(StandardCharsets.UTF_8);
        assertThrows(CorruptDataException.class, () -> ManifestCodec.parse(json));
    }

    @Test
    void everyTruncationIsCorruptData() {
        byte[] stored = ManifestCodec.encode(ManifestCodec.sign(vector41(), testKey));
        for (int len = 0; len < stored.length; len++) {
            byte[] cut = Arrays.copyOf(stored, len);
            assertThrows(CorruptDataException.class, () -> ManifestCodec.parse(cut, testKey));
        }
    }

    @Test
    void sizeIsUnsigned64Bit() {
        String json = "{\"backup-type\":\"vm\",\"backup-id\":\"x\",\"backup-time\":1,\"files\":[{\"filename\":\"a.fidx\","
                + "\"size\":18446744073709551615,\"csum\":\"" + "00".repeat(32) + "\"}]}";
        BackupManifest m = ManifestCodec.parse(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(-1L, m.files().get(0).size());
        assertTrue(ManifestCodec.toPrettyJson(m).contains("\"size\": 18446744073709551615"));
    }

    @Test
    void verifyFileChecksSizeThenChecksum() {
        BackupManifest m = vector41();
        m.verifyFile("abc.blob", 200, fill(2));
        assertThrows(org.pbsj.core.error.ChecksumMismatchException.class, () -> m.verifyFile("abc.blob", 201, fill(2)));
        assertThrows(org.pbsj.core.error.ChecksumMismatchException.class, () -> m.verifyFile("abc.blob", 200, fill(3)));
        assertThrows(CorruptDataException.class, () -> m.verifyFile("nope.blob", 200, fill(2)));
        assertEquals(List.of("test1.img.fidx", "abc.blob"), m.files().stream().map(FileInfo::filename).toList());
        assertTrue(m.requireFile("test1.img.fidx").chunksEncrypted());
    }

    @Test
    void manifestIsImmutable() {
        BackupManifest m = vector41();
        assertThrows(UnsupportedOperationException.class, () -> m.unprotected().put("x", 1L));
        assertThrows(UnsupportedOperationException.class, () -> m.files().add(null));
        byte[] csum = m.files().get(0).csum();
        csum[0] = 9;
        assertEquals(1, m.files().get(0).csum()[0]);
    }
}
