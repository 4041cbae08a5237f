package org.pbsj.core.store;

import java.nio.file.Path;

/**
 * Child-process helper for {@link ChunkStoreLockTest}: fcntl locks never conflict inside one
 * process, so the cross-process rules can only be tested with a second JVM. Usage:
 * {@code LockHolder <lock file> shared|exclusive}; prints LOCKED or FAILED, then holds the lock
 * until stdin is closed.
 */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        ChunkStoreLock lock = ChunkStoreLock.acquire(Path.of(args[0]));
        try {
            ChunkStoreLock.Guard g = "shared".equals(args[1]) ? lock.shared(1) : lock.exclusive();
            System.out.println("LOCKED");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our stdin
            }
            g.close();
        } catch (LockedException e) {
            System.out.println("FAILED");
        }
        lock.release();
    }
}
