package org.pbsj.core.pxar;

/**
 * Constants of the pxar archive format ({@code pxar-format.md}): item types, file type bits,
 * attribute flags, ACL values and decoder limits. Every item type is
 * {@code hashFilename("__PROXMOX_FORMAT_…__")}, so {@code PxarFormatTest} re-derives them.
 *
 * <pre>
 * item    = header content
 * header  = htype u64 LE, full_size u64 LE   (full_size = 16 + content size)
 * </pre>
 */
public final class PxarFormat {
    public static final int HEADER_SIZE = 16;

    public static final long FORMAT_VERSION = 0x730f6c75df16a40dL;
    public static final long ENTRY = 0xd5956474e588acefL;
    public static final long ENTRY_V1 = 0x11da850a1c1cceffL;
    public static final long PRELUDE = 0xe309d79d9f7b771bL;
    public static final long FILENAME = 0x16701121063917b3L;
    public static final long SYMLINK = 0x27f971e7dbf5dc5fL;
    public static final long DEVICE = 0x9fc9e906586d5ce9L;
    public static final long XATTR = 0x0dab0229b57dcd03L;
    public static final long ACL_USER = 0x2ce8540a457d55b8L;
    public static final long ACL_GROUP = 0x136e3eceb04c03abL;
    public static final long ACL_GROUP_OBJ = 0x10868031e9582876L;
    public static final long ACL_DEFAULT = 0xbbbb13415a6896f5L;
    public static final long ACL_DEFAULT_USER = 0xc89357b40532cd1fL;
    public static final long ACL_DEFAULT_GROUP = 0xf90a8a5816038ffeL;
    public static final long FCAPS = 0x2da9dd9db5f7fb67L;
    public static final long QUOTA_PROJID = 0xe07540e82f7d1cbbL;
    public static final long HARDLINK = 0x51269c8422bd7275L;
    public static final long PAYLOAD = 0x28147a1b0b7c1a25L;
    public static final long PAYLOAD_REF = 0x419d3d6bc4ba977eL;
    public static final long GOODBYE = 0x2fec4fa642d5731dL;
    public static final long GOODBYE_TAIL_MARKER = 0xef5eed5b753e1555L;
    public static final long PAYLOAD_START_MARKER = 0x834c68c2194a4ed2L;
    public static final long PAYLOAD_TAIL_MARKER = 0x6c72b78b984c81b5L;

    /** The only FORMAT_VERSION value ever written; its absence means version 1. */
    public static final long VERSION_2 = 2;

    public static final int STAT_SIZE = 40;
    public static final int STAT_V1_SIZE = 32;
    public static final int GOODBYE_ITEM_SIZE = 24;

    /** Longest file name / symlink target / hardlink path in bytes, without the NUL. */
    public static final int MAX_PATH_BYTES = 4096;
    public static final int MAX_XATTR_NAME_BYTES = 255;
    public static final int MAX_XATTR_VALUE_BYTES = 65535;
    /** Decoder limits of §2 for items of variable size (content bytes). */
    public static final int MAX_FILENAME_CONTENT = MAX_PATH_BYTES + 1;
    public static final int MAX_XATTR_CONTENT = MAX_XATTR_NAME_BYTES + 1 + MAX_XATTR_VALUE_BYTES;
    public static final int MAX_HARDLINK_CONTENT = 8 + MAX_PATH_BYTES + 1;
    /** Our own bound on PRELUDE (unlimited in the format; PBS stores a small JSON object). */
    public static final int MAX_PRELUDE_CONTENT = 16 << 20;

    // File type and permission bits of Stat.mode (octal, fixed by the format).
    public static final long IFMT = 0170000;
    public static final long IFSOCK = 0140000;
    public static final long IFLNK = 0120000;
    public static final long IFREG = 0100000;
    public static final long IFBLK = 0060000;
    public static final long IFDIR = 0040000;
    public static final long IFCHR = 0020000;
    public static final long IFIFO = 0010000;
    public static final long ISUID = 04000;
    public static final long ISGID = 02000;
    public static final long ISVTX = 01000;

    // ACL permissions.
    public static final long ACL_READ = 4;
    public static final long ACL_WRITE = 2;
    public static final long ACL_EXECUTE = 1;
    public static final long ACL_NO_MASK = 0xFFFFFFFFFFFFFFFFL;

    // Stat.flags attribute bits (§10).
    public static final long WITH_FLAG_HIDDEN = 0x2000;
    public static final long WITH_FLAG_SYSTEM = 0x4000;
    public static final long WITH_FLAG_ARCHIVE = 0x8000;
    public static final long WITH_FLAG_APPEND = 0x10000;
    public static final long WITH_FLAG_NOATIME = 0x20000;
    public static final long WITH_FLAG_COMPR = 0x40000;
    public static final long WITH_FLAG_NOCOW = 0x80000;
    public static final long WITH_FLAG_NODUMP = 0x100000;
    public static final long WITH_FLAG_DIRSYNC = 0x200000;
    public static final long WITH_FLAG_IMMUTABLE = 0x400000;
    public static final long WITH_FLAG_SYNC = 0x800000;
    public static final long WITH_FLAG_NOCOMP = 0x1000000;
    public static final long WITH_FLAG_PROJINHERIT = 0x2000000;

    /** Pairs (pxar flag, Linux FS_*_FL chattr bit) of §10, for FS_IOC_GETFLAGS/SETFLAGS. */
    public static final long[][] CHATTR_MAP = {
        {WITH_FLAG_APPEND, 0x20}, {WITH_FLAG_NOATIME, 0x80}, {WITH_FLAG_COMPR, 0x4},
        {WITH_FLAG_NOCOW, 0x800000}, {WITH_FLAG_NODUMP, 0x40}, {WITH_FLAG_DIRSYNC, 0x10000},
        {WITH_FLAG_IMMUTABLE, 0x10}, {WITH_FLAG_SYNC, 0x8}, {WITH_FLAG_NOCOMP, 0x400},
        {WITH_FLAG_PROJINHERIT, 0x20000000},
    };

    private static final long SIPHASH_K0 = 0x83ac3f1cfbb450dbL;
    private static final long SIPHASH_K1 = 0xaa4f1b6879369fbdL;

    private PxarFormat() {
    }

    /** §4: SipHash-2-4 with the format's key; used for goodbye tables and the type constants. */
    public static long hashFilename(byte[] name) {
        return SipHash24.hash(SIPHASH_K0, SIPHASH_K1, name, 0, name.length);
    }

    /** True if {@code name} is a legal FILENAME: non-empty, ≤ 4096 bytes, no '/', no NUL, not "." or "..". */
    public static boolean isValidFilename(byte[] name) {
        int n = name.length;
        if (n == 0 || n > MAX_PATH_BYTES) {
            return false;
        }
        if (name[0] == '.' && (n == 1 || (n == 2 && name[1] == '.'))) {
            return false;
        }
        for (byte b : name) {
            if (b == '/' || b == 0) {
                return false;
            }
        }
        return true;
    }

    /** Maps FS_*_FL chattr bits to pxar flags. */
    public static long flagsFromChattr(long chattr) {
        long flags = 0;
        for (long[] m : CHATTR_MAP) {
            if ((chattr & m[1]) != 0) {
                flags |= m[0];
            }
        }
        return flags;
    }

    /** Maps pxar flags back to FS_*_FL chattr bits. */
    public static long chattrFromFlags(long flags) {
        long chattr = 0;
        for (long[] m : CHATTR_MAP) {
            if ((flags & m[0]) != 0) {
                chattr |= m[1];
            }
        }
        return chattr;
    }
}
