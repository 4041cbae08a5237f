package org.pbsj.core.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.pbsj.core.crypto.CryptConfig;

class BlobMagicTest {
    private static void assertMagic(long magic, String text, String hex) {
        byte[] expected = Arrays.copyOf(CryptConfig.sha256(text.getBytes(StandardCharsets.US_ASCII)), 8);
        assertArrayEquals(expected, BlobMagic.bytes(magic), text);
        assertEquals(hex, BlobMagic.hex(magic), text);
    }

    @Test
    void everyMagicIsTheSha256PrefixOfItsString() {
        assertMagic(BlobMagic.UNCOMPRESSED_BLOB_1_0, "Proxmox Backup uncompressed blob v1.0", "42ab3807be8370a1");
        assertMagic(BlobMagic.COMPRESSED_BLOB_1_0, "Proxmox Backup zstd compressed blob v1.0", "31b958426fb6a37f");
        assertMagic(BlobMagic.ENCRYPTED_BLOB_1_0, "Proxmox Backup encrypted blob v1.0", "7b6785be222d4cf0");
        assertMagic(BlobMagic.ENCR_COMPR_BLOB_1_0, "Proxmox Backup zstd compressed encrypted blob v1.0",
                "e6591bbf0bbfd80b");
        assertMagic(BlobMagic.FIXED_INDEX_1_0, "Proxmox Backup fixed sized chunk index v1.0", "2f7f41ed91fd0fcd");
        assertMagic(BlobMagic.DYNAMIC_INDEX_1_0, "Proxmox Backup dynamic sized chunk index v1.0", "1c914ea519bab3cd");
        assertMagic(BlobMagic.CATALOG_1_0, "Proxmox Backup Catalog file v1.0", "91fd60f9c46758d5");
    }

    @Test
    void decimalFormFromPbsDocs() {
        byte[] b = BlobMagic.bytes(BlobMagic.UNCOMPRESSED_BLOB_1_0);
        int[] dec = {66, 171, 56, 7, 190, 131, 112, 161};
        for (int i = 0; i < 8; i++) {
            assertEquals(dec[i], b[i] & 0xff);
        }
    }

    @Test
    void constantsMatchALittleEndianLongRead() {
        byte[] b = BlobMagic.bytes(BlobMagic.FIXED_INDEX_1_0);
        assertEquals(BlobMagic.FIXED_INDEX_1_0, ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong());
        byte[] padded = new byte[12];
        BlobMagic.write(BlobMagic.CATALOG_1_0, padded, 3);
        assertEquals(BlobMagic.CATALOG_1_0, BlobMagic.read(padded, 3));
    }

    @Test
    void classification() {
        assertTrue(BlobMagic.isDataBlob(BlobMagic.ENCR_COMPR_BLOB_1_0));
        assertFalse(BlobMagic.isDataBlob(BlobMagic.FIXED_INDEX_1_0));
        assertTrue(BlobMagic.isEncrypted(BlobMagic.ENCRYPTED_BLOB_1_0));
        assertFalse(BlobMagic.isEncrypted(BlobMagic.COMPRESSED_BLOB_1_0));
        assertTrue(BlobMagic.isCompressed(BlobMagic.COMPRESSED_BLOB_1_0));
        assertFalse(BlobMagic.isCompressed(BlobMagic.UNCOMPRESSED_BLOB_1_0));
        assertEquals("unknown magic 0000000000000000", BlobMagic.name(0));
        assertEquals("dynamic index v1.0", BlobMagic.name(BlobMagic.DYNAMIC_INDEX_1_0));
    }
}
