package org.pbsj.core.pxar.fs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.sun.jna.LastErrorException;

import org.pbsj.core.pxar.Acl;
import org.pbsj.core.pxar.Metadata;
import org.pbsj.core.pxar.PxarFormat;
import org.pbsj.core.pxar.Xattr;

/** Reads an entry's pxar {@link Metadata} from the file system as the PBS client does (§11). */
final class MetadataReader {
    private static final byte[] FCAPS = "security.capability".getBytes();
    private static final byte[] NTACL = "security.NTACL".getBytes();

    private final ArchiverOptions options;
    private final Warnings warnings;

    MetadataReader(ArchiverOptions options, Warnings warnings) {
        this.options = options;
        this.warnings = warnings;
    }

    /**
     * @param fd open descriptor of a regular file or directory, or -1
     * @param cPath /proc path for the l*xattr calls when {@code fd} is -1
     */
    Metadata read(byte[] archivePath, FileStat st, int fd, byte[] cPath) {
        long flags = 0;
        Long projid = null;
        if (fd >= 0) {
            try {
                flags = PxarFormat.flagsFromChattr(PosixFs.getChattr(fd));
            } catch (LastErrorException e) {
                // not supported by this file system: no flags, as in PBS
            }
            try {
                long id = PosixFs.getProjectId(fd);
                projid = id != 0 ? id : null;
            } catch (LastErrorException e) {
                // no project quota support
            }
        }
        Metadata m = new Metadata(st.mode(), flags, st.uid(), st.gid(), st.mtimeSecs(), st.mtimeNanos(), List.of(),
                Acl.EMPTY, null, projid);
        if (!options.xattrs() && !options.acls() && !options.fcaps()) {
            return m;
        }
        List<byte[]> names;
        try {
            names = PosixFs.listXattrs(fd, cPath);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != PosixFs.EOPNOTSUPP) {
                warnings.warn(archivePath, "cannot list xattrs: " + e.getMessage());
            }
            return m;
        }
        List<Xattr> xattrs = new ArrayList<>();
        byte[] access = null;
        byte[] dflt = null;
        byte[] fcaps = null;
        for (byte[] name : names) {
            boolean isAcl = Arrays.equals(name, PosixAcl.ACCESS) || Arrays.equals(name, PosixAcl.DEFAULT);
            boolean isFcaps = Arrays.equals(name, FCAPS);
            boolean plain = startsWith(name, "user.") || startsWith(name, "trusted.") || Arrays.equals(name, NTACL);
            if (!(isAcl && options.acls() || isFcaps && options.fcaps() || plain && options.xattrs())) {
                continue;
            }
            byte[] value;
            try {
                value = PosixFs.getXattr(fd, cPath, name);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != PosixFs.ENODATA) { // removed meanwhile
                    warnings.warn(archivePath, "cannot read xattr " + new String(name) + ": " + e.getMessage());
                }
                continue;
            }
            if (isFcaps) {
                fcaps = value;
            } else if (Arrays.equals(name, PosixAcl.ACCESS)) {
                access = value;
            } else if (isAcl) {
                dflt = value;
            } else if (name.length <= PxarFormat.MAX_XATTR_NAME_BYTES && value.length <= PxarFormat.MAX_XATTR_VALUE_BYTES) {
                xattrs.add(new Xattr(name, value));
            } else {
                warnings.warn(archivePath, "xattr " + new String(name) + " too large, skipped");
            }
        }
        Acl acl = Acl.EMPTY;
        if (access != null || dflt != null) {
            try {
                acl = PosixAcl.fromXattrs(access, dflt);
            } catch (IllegalArgumentException e) {
                warnings.warn(archivePath, "ACL skipped: " + e.getMessage());
            }
        }
        return m.withXattrs(xattrs).withAcl(acl).withFcaps(fcaps);
    }

    private static boolean startsWith(byte[] name, String prefix) {
        byte[] p = prefix.getBytes();
        return name.length > p.length && Arrays.equals(name, 0, p.length, p, 0, p.length);
    }
}
