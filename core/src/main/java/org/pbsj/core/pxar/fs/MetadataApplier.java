package org.pbsj.core.pxar.fs;

import com.sun.jna.LastErrorException;

import org.pbsj.core.pxar.Acl;
import org.pbsj.core.pxar.EntryKind;
import org.pbsj.core.pxar.Metadata;
import org.pbsj.core.pxar.PxarFormat;
import org.pbsj.core.pxar.Xattr;

/**
 * Restores an entry's metadata. Order matters: chown first (it clears suid/sgid and fcaps), then
 * xattrs, fcaps and ACLs, then the mode (group bits = ACL mask), the mtime, and chattr flags last
 * (immutable would block everything else). Failures are warnings, never fatal.
 */
final class MetadataApplier {
    private static final byte[] FCAPS = "security.capability".getBytes();

    private final ExtractorOptions options;
    private final Warnings warnings;
    private final boolean restoreOwner;

    MetadataApplier(ExtractorOptions options, Warnings warnings, boolean restoreOwner) {
        this.options = options;
        this.warnings = warnings;
        this.restoreOwner = restoreOwner;
    }

    /**
     * @param fd descriptor of the entry (file, directory) or -1 to address it as {@code name} in
     *     {@code parentFd} without following symlinks
     */
    void apply(byte[] path, int parentFd, byte[] name, int fd, Metadata m, EntryKind kind) {
        byte[] procPath = fd >= 0 ? null : PosixFs.procPath(parentFd, name);
        if (restoreOwner) {
            try {
                if (fd >= 0) {
                    PosixFs.fchownat(fd, PosixFs.c(new byte[0]), (int) m.uid(), (int) m.gid(), PosixFs.AT_EMPTY_PATH);
                } else {
                    PosixFs.fchownat(parentFd, PosixFs.c(name), (int) m.uid(), (int) m.gid(),
                            PosixFs.AT_SYMLINK_NOFOLLOW);
                }
            } catch (LastErrorException e) {
                warnings.warn(path, "cannot restore owner: " + e.getMessage());
            }
        }
        if (options.xattrs()) {
            for (Xattr x : m.xattrs()) {
                setXattr(path, fd, procPath, x.name(), x.value());
            }
        }
        if (options.fcaps() && m.fcaps() != null && kind == EntryKind.FILE) {
            setXattr(path, fd, procPath, FCAPS, m.fcaps());
        }
        Acl acl = m.acl();
        if (options.acls() && !acl.isEmpty() && kind != EntryKind.SYMLINK) {
            byte[] access = PosixAcl.accessXattr(acl, m.mode());
            if (access != null) {
                setXattr(path, fd, procPath, PosixAcl.ACCESS, access);
            }
            byte[] dflt = PosixAcl.defaultXattr(acl, m.mode());
            if (dflt != null && kind == EntryKind.DIRECTORY) {
                setXattr(path, fd, procPath, PosixAcl.DEFAULT, dflt);
            }
        }
        if (kind != EntryKind.SYMLINK) { // Linux has no symlink permissions
            try {
                if (fd >= 0) {
                    PosixFs.fchmod(fd, (int) m.permissions());
                } else {
                    PosixFs.fchmodat(parentFd, PosixFs.c(name), (int) m.permissions(), 0);
                }
            } catch (LastErrorException e) {
                warnings.warn(path, "cannot restore mode: " + e.getMessage());
            }
        }
        try {
            PosixFs.setMtime(fd >= 0 ? fd : parentFd, fd >= 0 ? new byte[0] : name, m.mtimeSecs(), m.mtimeNanos());
        } catch (LastErrorException e) {
            warnings.warn(path, "cannot restore mtime: " + e.getMessage());
        }
        long chattr = PxarFormat.chattrFromFlags(m.flags());
        if (options.flags() && chattr != 0 && fd >= 0) {
            try {
                PosixFs.setChattr(fd, chattr);
            } catch (LastErrorException e) {
                warnings.warn(path, "cannot restore file attributes: " + e.getMessage());
            }
        }
    }

    private void setXattr(byte[] path, int fd, byte[] procPath, byte[] name, byte[] value) {
        try {
            PosixFs.setXattr(fd, procPath, name, value);
        } catch (LastErrorException e) {
            warnings.warn(path, "cannot restore xattr " + new String(name) + ": " + e.getMessage());
        }
    }
}
