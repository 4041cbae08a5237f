package org.pbsj.core.pxar.fs;

/** The fields of {@code statx} the archiver uses; ids and numbers are unsigned. */
public record FileStat(int mode, long uid, long gid, long nlink, long ino, long size, long blocks, long mtimeSecs,
        int mtimeNanos, long rdevMajor, long rdevMinor, long devMajor, long devMinor) {

    public int type() {
        return mode & 0170000;
    }

    public boolean sameFile(FileStat o) {
        return ino == o.ino && devMajor == o.devMajor && devMinor == o.devMinor;
    }

    public boolean sameDevice(FileStat o) {
        return devMajor == o.devMajor && devMinor == o.devMinor;
    }
}
