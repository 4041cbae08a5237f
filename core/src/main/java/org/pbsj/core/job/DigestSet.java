package org.pbsj.core.job;

/**
 * A set of 32-byte chunk digests in one open-addressing table of longs (4 per digest), so that
 * marking millions of chunks costs 32 bytes each instead of a boxed object per digest. Thread-safe
 * (synchronized): GC uses it from one thread, verify from its workers.
 */
public final class DigestSet {
    private static final int DIGEST = 32;
    private long[] table;   // 4 longs per slot; a slot is free when all four are 0 (see zeroPresent)
    private int size;
    private boolean zeroPresent; // the all-zero digest cannot use a slot (it marks "free")

    public DigestSet() {
        this(1024);
    }

    public DigestSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        table = new long[cap * 4];
    }

    /** Adds {@code digest[off..off+32)}; true if it was not present. */
    public synchronized boolean add(byte[] digest, int off) {
        long a = word(digest, off), b = word(digest, off + 8), c = word(digest, off + 16), d = word(digest, off + 24);
        if ((a | b | c | d) == 0) {
            boolean added = !zeroPresent;
            zeroPresent = true;
            size += added ? 1 : 0;
            return added;
        }
        if ((size + 1) * 4L > (table.length / 4) * 3L) {
            grow();
        }
        return insert(table, a, b, c, d);
    }

    public boolean add(byte[] digest) {
        return add(digest, 0);
    }

    public synchronized boolean contains(byte[] digest) {
        check(digest);
        long a = word(digest, 0), b = word(digest, 8), c = word(digest, 16), d = word(digest, 24);
        if ((a | b | c | d) == 0) {
            return zeroPresent;
        }
        int mask = table.length / 4 - 1;
        for (int slot = hash(a, b) & mask;; slot = (slot + 1) & mask) {
            int i = slot * 4;
            if ((table[i] | table[i + 1] | table[i + 2] | table[i + 3]) == 0) {
                return false;
            }
            if (table[i] == a && table[i + 1] == b && table[i + 2] == c && table[i + 3] == d) {
                return true;
            }
        }
    }

    public synchronized int size() {
        return size;
    }

    private boolean insert(long[] t, long a, long b, long c, long d) {
        int mask = t.length / 4 - 1;
        for (int slot = hash(a, b) & mask;; slot = (slot + 1) & mask) {
            int i = slot * 4;
            if ((t[i] | t[i + 1] | t[i + 2] | t[i + 3]) == 0) {
                t[i] = a;
                t[i + 1] = b;
                t[i + 2] = c;
                t[i + 3] = d;
                if (t == table) {
                    size++;
                }
                return true;
            }
            if (t[i] == a && t[i + 1] == b && t[i + 2] == c && t[i + 3] == d) {
                return false;
            }
        }
    }

    private void grow() {
        long[] old = table;
        long[] bigger = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 4) {
            if ((old[i] | old[i + 1] | old[i + 2] | old[i + 3]) != 0) {
                insert(bigger, old[i], old[i + 1], old[i + 2], old[i + 3]);
            }
        }
        table = bigger;
    }

    private static int hash(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L ^ b;
        return (int) (h ^ (h >>> 32)); // digests are SHA-256 output: already uniform
    }

    private static void check(byte[] digest) {
        if (digest.length != DIGEST) {
            throw new IllegalArgumentException("digest must be 32 bytes");
        }
    }

    private static long word(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[off + i] & 0xffL);
        }
        return v;
    }
}
