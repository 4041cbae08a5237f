package org.pbsj.core.pxar;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Metadata of one archive entry: the ENTRY stat (§3) plus the metadata items (§5).
 *
 * @param mode full st_mode (file type and permission bits)
 * @param flags pxar attribute flags (§10)
 * @param uid owner, unsigned 32 bit
 * @param gid group, unsigned 32 bit
 * @param mtimeSecs seconds since the epoch, floor for negative times
 * @param mtimeNanos 0..999999999
 * @param xattrs in archive order
 * @param acl never null; {@link Acl#EMPTY} if none
 * @param fcaps raw {@code security.capability} value or null
 * @param quotaProjectId project id or null if not stored
 */
public record Metadata(long mode, long flags, long uid, long gid, long mtimeSecs, int mtimeNanos,
        List<Xattr> xattrs, Acl acl, byte[] fcaps, Long quotaProjectId) {

    /** Placeholder of HARDLINK and GOODBYE entries, which carry no metadata. */
    public static final Metadata NONE = of(0, 0, 0, 0, 0);

    public Metadata {
        if ((uid >>> 32) != 0 || (gid >>> 32) != 0) {
            throw new IllegalArgumentException("uid/gid out of the u32 range");
        }
        if (mtimeNanos < 0 || mtimeNanos > 999_999_999) {
            throw new IllegalArgumentException("mtime nanoseconds out of range: " + mtimeNanos);
        }
        xattrs = List.copyOf(xattrs);
        acl = Objects.requireNonNull(acl, "acl");
        fcaps = fcaps == null ? null : fcaps.clone();
        if (fcaps != null && fcaps.length > PxarFormat.MAX_XATTR_CONTENT) {
            throw new IllegalArgumentException("fcaps too large");
        }
    }

    /** Plain stat metadata without xattrs, ACLs, fcaps or project id. */
    public static Metadata of(long mode, long uid, long gid, long mtimeSecs, int mtimeNanos) {
        return new Metadata(mode, 0, uid, gid, mtimeSecs, mtimeNanos, List.of(), Acl.EMPTY, null, null);
    }

    public EntryKind kind() {
        return EntryKind.ofMode(mode);
    }

    /** File type bits of {@link #mode()}. */
    public long fileType() {
        return mode & PxarFormat.IFMT;
    }

    /** Permission bits incl. suid/sgid/sticky. */
    public long permissions() {
        return mode & 07777;
    }

    @Override
    public byte[] fcaps() {
        return fcaps == null ? null : fcaps.clone();
    }

    public Metadata withMode(long newMode) {
        return new Metadata(newMode, flags, uid, gid, mtimeSecs, mtimeNanos, xattrs, acl, fcaps, quotaProjectId);
    }

    public Metadata withFlags(long newFlags) {
        return new Metadata(mode, newFlags, uid, gid, mtimeSecs, mtimeNanos, xattrs, acl, fcaps, quotaProjectId);
    }

    public Metadata withXattrs(List<Xattr> newXattrs) {
        return new Metadata(mode, flags, uid, gid, mtimeSecs, mtimeNanos, newXattrs, acl, fcaps, quotaProjectId);
    }

    public Metadata withAcl(Acl newAcl) {
        return new Metadata(mode, flags, uid, gid, mtimeSecs, mtimeNanos, xattrs, newAcl, fcaps, quotaProjectId);
    }

    public Metadata withFcaps(byte[] newFcaps) {
        return new Metadata(mode, flags, uid, gid, mtimeSecs, mtimeNanos, xattrs, acl, newFcaps, quotaProjectId);
    }

    public Metadata withQuotaProjectId(Long projectId) {
        return new Metadata(mode, flags, uid, gid, mtimeSecs, mtimeNanos, xattrs, acl, fcaps, projectId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metadata m && mode == m.mode && flags == m.flags && uid == m.uid && gid == m.gid
                && mtimeSecs == m.mtimeSecs && mtimeNanos == m.mtimeNanos && xattrs.equals(m.xattrs)
                && acl.equals(m.acl) && Arrays.equals(fcaps, m.fcaps) && Objects.equals(quotaProjectId, m.quotaProjectId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, flags, uid, gid, mtimeSecs, mtimeNanos, xattrs, acl, Arrays.hashCode(fcaps),
                quotaProjectId);
    }

    @Override
    public String toString() {
        return "Metadata[mode=0" + Long.toOctalString(mode) + ", flags=0x" + Long.toHexString(flags) + ", uid=" + uid
                + ", gid=" + gid + ", mtime=" + mtimeSecs + "." + mtimeNanos + ", xattrs=" + xattrs + ", acl=" + acl
                + ", fcaps=" + (fcaps == null ? "none" : fcaps.length + " bytes") + ", projid=" + quotaProjectId + "]";
    }
}
