package org.pbsj.core.pxar.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.pbsj.core.pxar.Acl;
import org.pbsj.core.pxar.PxarFormat;

/**
 * Conversion between the kernel's {@code system.posix_acl_access/default} xattr values (version 2
 * header u32, then entries {tag u16, perm u16, id u32}, little-endian on all Linux ABIs here) and
 * pxar's {@link Acl} as PBS fills it (§11).
 */
final class PosixAcl {
    static final byte[] ACCESS = "system.posix_acl_access".getBytes();
    static final byte[] DEFAULT = "system.posix_acl_default".getBytes();

    private static final int VERSION = 2;
    private static final int USER_OBJ = 0x01;
    private static final int USER = 0x02;
    private static final int GROUP_OBJ = 0x04;
    private static final int GROUP = 0x08;
    private static final int MASK = 0x10;
    private static final int OTHER = 0x20;
    private static final Comparator<Acl.Entry> ORDER =
            Comparator.comparingLong(Acl.Entry::id).thenComparingLong(Acl.Entry::permissions);

    private PosixAcl() {
    }

    /** Merges the access ACL xattr (or null) and default ACL xattr (or null) into pxar form. */
    static Acl fromXattrs(byte[] access, byte[] dflt) {
        List<Acl.Entry> users = new ArrayList<>();
        List<Acl.Entry> groups = new ArrayList<>();
        Long groupObj = null;
        if (access != null) {
            long[] base = parse(access, users, groups);
            if (base[3] != PxarFormat.ACL_NO_MASK) {
                groupObj = base[1]; // with a mask, the mode's group bits are the mask (§11)
            }
        }
        List<Acl.Entry> dUsers = new ArrayList<>();
        List<Acl.Entry> dGroups = new ArrayList<>();
        Acl.Default d = null;
        if (dflt != null) {
            long[] base = parse(dflt, dUsers, dGroups);
            d = new Acl.Default(base[0], base[1], base[2], base[3]);
        }
        users.sort(ORDER);
        groups.sort(ORDER);
        dUsers.sort(ORDER);
        dGroups.sort(ORDER);
        return new Acl(users, groups, groupObj, d, dUsers, dGroups);
    }

    /** The access ACL xattr value for {@code acl} and file {@code mode}, or null if the mode says it all. */
    static byte[] accessXattr(Acl acl, long mode) {
        if (acl.users().isEmpty() && acl.groups().isEmpty() && acl.groupObj() == null) {
            return null;
        }
        long group = (mode >> 3) & 7;
        return encode((mode >> 6) & 7, acl.users(), acl.groupObj() != null ? acl.groupObj() : group, acl.groups(),
                group, mode & 7);
    }

    /** The default ACL xattr value, or null if there is none. */
    static byte[] defaultXattr(Acl acl, long mode) {
        if (!acl.hasDefault()) {
            return null;
        }
        Acl.Default d = acl.defaultAcl() != null ? acl.defaultAcl()
                : new Acl.Default(PxarFormat.ACL_NO_MASK, PxarFormat.ACL_NO_MASK, PxarFormat.ACL_NO_MASK,
                        PxarFormat.ACL_NO_MASK);
        long mask = d.mask();
        if (mask == PxarFormat.ACL_NO_MASK && (!acl.defaultUsers().isEmpty() || !acl.defaultGroups().isEmpty())) {
            mask = 7; // named entries need a mask
        }
        return encode(or(d.userObj(), (mode >> 6) & 7), acl.defaultUsers(), or(d.groupObj(), (mode >> 3) & 7),
                acl.defaultGroups(), mask, or(d.other(), mode & 7));
    }

    private static long or(long v, long fallback) {
        return v == PxarFormat.ACL_NO_MASK ? fallback : v;
    }

    private static byte[] encode(long userObj, List<Acl.Entry> users, long groupObj, List<Acl.Entry> groups,
            long mask, long other) {
        int n = 3 + users.size() + groups.size() + (mask != PxarFormat.ACL_NO_MASK ? 1 : 0);
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(VERSION);
        put(b, USER_OBJ, userObj, -1);
        for (Acl.Entry e : users) {
            put(b, USER, e.permissions(), e.id());
        }
        put(b, GROUP_OBJ, groupObj, -1);
        for (Acl.Entry e : groups) {
            put(b, GROUP, e.permissions(), e.id());
        }
        if (mask != PxarFormat.ACL_NO_MASK) {
            put(b, MASK, mask, -1);
        }
        put(b, OTHER, other, -1);
        return b.array();
    }

    private static void put(ByteBuffer b, int tag, long perm, long id) {
        b.putShort((short) tag).putShort((short) (perm & 7)).putInt((int) id);
    }

    /** Fills named entries; returns {user_obj, group_obj, other, mask} with NO_MASK for missing ones. */
    private static long[] parse(byte[] value, List<Acl.Entry> users, List<Acl.Entry> groups) {
        long[] base = {PxarFormat.ACL_NO_MASK, PxarFormat.ACL_NO_MASK, PxarFormat.ACL_NO_MASK, PxarFormat.ACL_NO_MASK};
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        if (value.length < 4 || (value.length - 4) % 8 != 0 || b.getInt(0) != VERSION) {
            throw new IllegalArgumentException("unsupported POSIX ACL xattr format");
        }
        for (int off = 4; off < value.length; off += 8) {
            int tag = b.getShort(off) & 0xffff;
            long perm = b.getShort(off + 2) & 0xffff;
            long id = b.getInt(off + 4) & 0xffffffffL;
            switch (tag) {
                case USER_OBJ -> base[0] = perm;
                case GROUP_OBJ -> base[1] = perm;
                case OTHER -> base[2] = perm;
                case MASK -> base[3] = perm;
                case USER -> users.add(new Acl.Entry(id, perm));
                case GROUP -> groups.add(new Acl.Entry(id, perm));
                default -> throw new IllegalArgumentException("unknown ACL tag " + tag);
            }
        }
        return base;
    }
}
