package org.pbsj.core.pxar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.core.pxar.PxarFixtures.b;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PxarFormatTest {
    @Test
    void sipHashReferenceVector() {
        long k0 = 0x0706050403020100L;
        long k1 = 0x0f0e0d0c0b0a0908L;
        assertEquals(0x726fdb47dd0e0e31L, SipHash24.hash(k0, k1, new byte[0], 0, 0));
        byte[] msg = new byte[15];
        for (int i = 0; i < msg.length; i++) {
            msg[i] = (byte) i;
        }
        // SipHash paper, appendix A: 15-byte message 00..0e
        assertEquals(0xa129ca6149be45e5L, SipHash24.hash(k0, k1, msg, 0, 15));
    }

    @Test
    void filenameHashVectors() {
        assertEquals(0x76614015f8d1bb6cL, PxarFormat.hashFilename(b("")));
        assertEquals(0x0c26e9067c2c7bcfL, PxarFormat.hashFilename(b("a")));
        assertEquals(0x4d1da3f512e8c733L, PxarFormat.hashFilename(b("b")));
        assertEquals(0xb147860a8cd7220bL, PxarFormat.hashFilename(b("c")));
        assertEquals(0x967764f630c3da14L, PxarFormat.hashFilename(b("file.txt")));
        assertEquals(0xd0c229edbd411e9aL, PxarFormat.hashFilename(b("etc")));
    }

    @Test
    void typeConstantsAreHashesOfTheirNames() {
        Map<String, Long> types = Map.ofEntries(
                Map.entry("__PROXMOX_FORMAT_VERSION__", PxarFormat.FORMAT_VERSION),
                Map.entry("__PROXMOX_FORMAT_ENTRY_V2__", PxarFormat.ENTRY),
                Map.entry("__PROXMOX_FORMAT_ENTRY__", PxarFormat.ENTRY_V1),
                Map.entry("__PROXMOX_FORMAT_PRELUDE__", PxarFormat.PRELUDE),
                Map.entry("__PROXMOX_FORMAT_FILENAME__", PxarFormat.FILENAME),
                Map.entry("__PROXMOX_FORMAT_SYMLINK__", PxarFormat.SYMLINK),
                Map.entry("__PROXMOX_FORMAT_DEVICE__", PxarFormat.DEVICE),
                Map.entry("__PROXMOX_FORMAT_XATTR__", PxarFormat.XATTR),
                Map.entry("__PROXMOX_FORMAT_ACL_USER__", PxarFormat.ACL_USER),
                Map.entry("__PROXMOX_FORMAT_ACL_GROUP__", PxarFormat.ACL_GROUP),
                Map.entry("__PROXMOX_FORMAT_ACL_GROUP_OBJ__", PxarFormat.ACL_GROUP_OBJ),
                Map.entry("__PROXMOX_FORMAT_ACL_DEFAULT__", PxarFormat.ACL_DEFAULT),
                Map.entry("__PROXMOX_FORMAT_ACL_DEFAULT_USER__", PxarFormat.ACL_DEFAULT_USER),
                Map.entry("__PROXMOX_FORMAT_ACL_DEFAULT_GROUP__", PxarFormat.ACL_DEFAULT_GROUP),
                Map.entry("__PROXMOX_FORMAT_FCAPS__", PxarFormat.FCAPS),
                Map.entry("__PROXMOX_FORMAT_QUOTA_PROJID__", PxarFormat.QUOTA_PROJID),
                Map.entry("__PROXMOX_FORMAT_HARDLINK__", PxarFormat.HARDLINK),
                Map.entry("__PROXMOX_FORMAT_PXAR_PAYLOAD__", PxarFormat.PAYLOAD),
                Map.entry("__PROXMOX_FORMAT_PXAR_PAYLOAD_REF__", PxarFormat.PAYLOAD_REF),
                Map.entry("__PROXMOX_FORMAT_GOODBYE__", PxarFormat.GOODBYE),
                Map.entry("__PROXMOX_FORMAT_PXAR_GOODBYE_TAIL_MARKER__", PxarFormat.GOODBYE_TAIL_MARKER),
                Map.entry("__PROXMOX_FORMAT_PXAR_PAYLOAD_START_MARKER__", PxarFormat.PAYLOAD_START_MARKER),
                Map.entry("__PROXMOX_FORMAT_PXAR_PAYLOAD_TAIL_MARKER__", PxarFormat.PAYLOAD_TAIL_MARKER));
        types.forEach((name, value) -> assertEquals(value, PxarFormat.hashFilename(b(name)), name));
    }

    @Test
    void bstPermutationMatchesSpecTable() {
        int[][] expected = {
            {0}, {1, 0}, {1, 0, 2}, {2, 1, 3, 0}, {3, 1, 4, 0, 2}, {3, 1, 5, 0, 2, 4}, {3, 1, 5, 0, 2, 4, 6},
            {4, 2, 6, 1, 3, 5, 7, 0}, {5, 3, 7, 1, 4, 6, 8, 0, 2}, {6, 3, 8, 1, 5, 7, 9, 0, 2, 4},
        };
        for (int n = 1; n <= 10; n++) {
            assertArrayEquals(expected[n - 1], GoodbyeTable.bstOrder(n), "n=" + n);
        }
        assertEquals(0, GoodbyeTable.bstOrder(0).length);
        int[] sorted = {0, 1, 2, 2, 2, 3, 4, 5, 6, 6, 7, 8, 8, 8};
        int[] order = GoodbyeTable.bstOrder(sorted.length);
        int[] table = new int[sorted.length];
        for (int k = 0; k < table.length; k++) {
            table[k] = sorted[order[k]];
        }
        assertArrayEquals(new int[] {5, 2, 8, 1, 3, 6, 8, 0, 2, 2, 4, 6, 7, 8}, table);
    }

    @Test
    void bstOrderIsASearchTreeForManySizes() {
        for (int n = 1; n < 2000; n += 7) {
            int[] order = GoodbyeTable.bstOrder(n);
            boolean[] seen = new boolean[n];
            for (int k = 0; k < n; k++) {
                assertFalse(seen[order[k]]);
                seen[order[k]] = true;
                if (2 * k + 1 < n) {
                    assertTrue(order[2 * k + 1] < order[k]);
                }
                if (2 * k + 2 < n) {
                    assertTrue(order[2 * k + 2] > order[k]);
                }
            }
        }
    }

    @Test
    void filenameValidation() {
        assertTrue(PxarFormat.isValidFilename(b("a")));
        assertTrue(PxarFormat.isValidFilename(b("...")));
        assertTrue(PxarFormat.isValidFilename(b("new\nline")));
        assertTrue(PxarFormat.isValidFilename(new byte[4096]) == false); // NUL bytes
        byte[] max = new byte[4096];
        java.util.Arrays.fill(max, (byte) 'x');
        assertTrue(PxarFormat.isValidFilename(max));
        assertFalse(PxarFormat.isValidFilename(java.util.Arrays.copyOf(max, 4097)));
        for (String bad : new String[] {"", ".", "..", "a/b", "/"}) {
            assertFalse(PxarFormat.isValidFilename(b(bad)), bad);
        }
    }

    @Test
    void chattrFlagMapping() {
        assertEquals(PxarFormat.WITH_FLAG_IMMUTABLE | PxarFormat.WITH_FLAG_NOCOW,
                PxarFormat.flagsFromChattr(0x10 | 0x800000 | 0x80000 /* extents: not stored */));
        assertEquals(0x20L | 0x40, PxarFormat.chattrFromFlags(PxarFormat.WITH_FLAG_APPEND | PxarFormat.WITH_FLAG_NODUMP));
    }
}
