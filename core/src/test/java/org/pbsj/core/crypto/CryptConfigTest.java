package org.pbsj.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The key-derivation vectors of crypto.md §3, §4 and the signature of manifest.md §4.1. */
class CryptConfigTest {
    static final HexFormat HEX = HexFormat.of();

    @Test
    void idKeyAndFingerprintOfTheCountingKey() {
        CryptConfig cc = CryptConfig.fromKey(HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
        assertEquals("7c2c013efd07f3b25717a485263343cd4d292a4b65c200bb3b18ea227abe225c", HEX.formatHex(cc.idKey()));
        assertEquals("0e:ab:d4:46:0b:6e:b9:ca:34:50:23:de:e2:b7:78:c7:90:e5:4a:16:83:b9:65:9c:0a:57:ae:19:90:90:15:9b",
                cc.fingerprint().toString());
        assertEquals("0e:ab:d4:46:0b:6e:b9:ca", cc.fingerprint().toShortString());
    }

    @Test
    void fingerprintInputConstant() {
        assertEquals("6ed0ef77471fff4d55c7a8fe4a9db62161407f134c725ddf30992d25ec45ed26",
                HEX.formatHex(CryptConfig.FINGERPRINT_INPUT));
    }

    @Test
    void manifestTestKey() {
        // scrypt("test", salt = "", 65536, 8, 1), as derived in KdfTest.
        CryptConfig cc = CryptConfig.fromKey(HEX.parseHex("28cdb1a3bef39396c3860e00d448fe7a0efd8244486ab6feb30457681d31597e"));
        assertEquals("758495a21c31047f543f46d694700e02d168568bab37bb0ceece947b591f5100", HEX.formatHex(cc.idKey()));
        assertEquals("12:b9:b7:74:bb:3d:89:95:2b:97:cb:c2:82:f0:0c:14:2b:83:ba:7f:96:62:6a:a1:5a:44:9a:63:e8:91:fe:25",
                cc.fingerprint().toString());
        String canonical = "{\"backup-id\":\"elsa\",\"backup-time\":1593179765,\"backup-type\":\"host\",\"files\":["
                + "{\"crypt-mode\":\"encrypt\",\"csum\":\"0101010101010101010101010101010101010101010101010101010101010101\","
                + "\"filename\":\"test1.img.fidx\",\"size\":200},{\"crypt-mode\":\"none\",\"csum\":"
                + "\"0202020202020202020202020202020202020202020202020202020202020202\",\"filename\":\"abc.blob\",\"size\":200}]}";
        assertEquals("d7b446fb7db081662081d4b40fedd858a1d6307a5aff4ecff7d5bf4fd35679e9",
                HEX.formatHex(cc.computeAuthTag(canonical.getBytes(StandardCharsets.UTF_8))));
    }
}
