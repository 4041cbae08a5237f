package org.pbsj.core.pxar;

import java.io.IOException;
import java.util.Arrays;

/**
 * The goodbye table of a directory (§6): child items sorted by filename hash, stored as a binary
 * search tree embedded in an array (slot k has children 2k+1 and 2k+2), followed by a tail item.
 * Hashes compare as unsigned 64-bit values.
 */
final class GoodbyeTable {
    private GoodbyeTable() {
    }

    /** {@code order[k]} = index into the hash-sorted list of the item placed at table slot k. */
    static int[] bstOrder(int n) {
        int[] order = new int[n];
        if (n > 0) {
            place(order, n, 0, 31 - Integer.numberOfLeadingZeros(n), 0);
        }
        return order;
    }

    private static void place(int[] order, int count, int first, int level, int slot) {
        int full = 1 << level;
        int limit = full + full / 2 - 1;
        int left = count > limit ? full - 1 : full - 1 - (limit - count);
        order[slot] = first + left;
        if (left > 0) {
            place(order, left, first, level - 1, 2 * slot + 1);
        }
        if (left + 1 < count) {
            place(order, count - left - 1, first + left + 1, level - 1, 2 * slot + 2);
        }
    }

    /**
     * Writes the GOODBYE item at the writer's position G.
     *
     * @param hashes filename hashes of the children
     * @param fileOffsets absolute FILENAME offsets of the children
     * @param sizes item sizes of the children (§6)
     * @param n number of children (prefix of the arrays)
     * @param entryOffset the directory's ENTRY offset (0 for the root, even in v2)
     */
    static void write(ItemWriter w, long[] hashes, long[] fileOffsets, long[] sizes, int n, long entryOffset)
            throws IOException {
        long g = w.position();
        Integer[] byHash = new Integer[n];
        for (int i = 0; i < n; i++) {
            byHash[i] = i;
        }
        Arrays.sort(byHash, (a, b) -> Long.compareUnsigned(hashes[a], hashes[b]));
        int[] order = bstOrder(n);
        long fullSize = PxarFormat.HEADER_SIZE + (long) PxarFormat.GOODBYE_ITEM_SIZE * (n + 1);
        w.header(PxarFormat.GOODBYE, fullSize - PxarFormat.HEADER_SIZE);
        for (int slot = 0; slot < n; slot++) {
            int c = byHash[order[slot]];
            w.u64(hashes[c]);
            w.u64(g - fileOffsets[c]);
            w.u64(sizes[c]);
        }
        w.u64(PxarFormat.GOODBYE_TAIL_MARKER);
        w.u64(g - entryOffset);
        w.u64(fullSize);
    }
}
