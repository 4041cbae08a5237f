package org.pbsj.core.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;

import org.pbsj.core.index.DynamicIndexWriter;
import org.pbsj.core.index.FixedIndexV1;
import org.pbsj.core.index.FixedIndexWriter;
import org.pbsj.core.index.IndexSummary;
import org.pbsj.core.store.SyncLevel;

/** One open index of a backup session with PBS's append and close checks (§5.5–§5.8). */
final class SessionIndexWriter {
    private final String name;
    private final DynamicIndexWriter dynamic;
    private final FixedIndexWriter fixed;
    private final boolean incremental;
    private final UploadStats stats = new UploadStats();
    private long appended;
    private long offset;
    private int smallChunks;

    private SessionIndexWriter(String name, DynamicIndexWriter dynamic, FixedIndexWriter fixed, boolean incremental) {
        this.name = name;
        this.dynamic = dynamic;
        this.fixed = fixed;
        this.incremental = incremental;
    }

    static SessionIndexWriter dynamic(String name, Path target, Clock clock) {
        try {
            return new SessionIndexWriter(name, DynamicIndexWriter.create(target, clock), null, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionIndexWriter fixed(String name, Path target, long size, long chunkSize, FixedIndexV1 previous, Clock clock) {
        try {
            FixedIndexWriter w = FixedIndexWriter.create(target, size, chunkSize, clock);
            if (previous != null) {
                try {
                    w.copyFrom(previous);
                } catch (IOException | RuntimeException e) {
                    w.close();
                    throw e;
                }
            }
            return new SessionIndexWriter(name, null, w, previous != null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new BackupProtocolException(e.getMessage());
        }
    }

    boolean isFixed() {
        return fixed != null;
    }

    UploadStats stats() {
        return stats;
    }

    void registerUpload(long size, long encodedSize, boolean duplicate) {
        if (fixed != null) {
            if (size > fixed.chunkSize()) {
                throw new BackupProtocolException("fixed writer '" + name + "' - got large chunk (" + size + " > " + fixed.chunkSize() + ")");
            }
            if (size < fixed.chunkSize() && ++smallChunks > 1) {
                throw new BackupProtocolException("fixed writer '" + name + "' - detected multiple end chunks (chunk size too small)");
            }
        }
        stats.add(size, encodedSize, duplicate);
    }

    void append(byte[] digest, long chunkOffset, long size) {
        try {
            if (fixed != null) {
                long end = chunkOffset + size;
                if (chunkOffset < 0 || end < size) {
                    throw new BackupProtocolException("fixed writer '" + name + "' - chunk offset out of range");
                }
                fixed.addChunk(end, size, digest);
            } else {
                if (chunkOffset != offset) {
                    throw new BackupProtocolException("dynamic writer '" + name + "' - got strange chunk offset ("
                            + chunkOffset + " != " + offset + ")");
                }
                dynamic.addChunk(chunkOffset, size, digest);
                offset += size;
            }
            appended++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new BackupProtocolException(e.getMessage());
        }
    }

    /** Checks the client's announcement against the index and publishes it; aborts on mismatch. */
    void close(long chunkCount, long size, byte[] csum, SyncLevel syncLevel) {
        try {
            if (chunkCount != appended) {
                throw new BackupProtocolException(kind() + " writer '" + name + "' close failed - unexpected chunk count ("
                        + appended + " != " + chunkCount + ")");
            }
            if (fixed != null) {
                if (!incremental) {
                    long expected = (fixed.size() + fixed.chunkSize() - 1) / fixed.chunkSize();
                    if (chunkCount != expected) {
                        throw new BackupProtocolException("fixed writer '" + name + "' close failed - unexpected chunk count ("
                                + expected + " != " + chunkCount + ")");
                    }
                    if (size != fixed.size()) {
                        throw new BackupProtocolException("fixed writer '" + name + "' close failed - unexpected file size ("
                                + fixed.size() + " != " + size + ")");
                    }
                }
            } else if (size != offset) {
                throw new BackupProtocolException("dynamic writer '" + name + "' close failed - unexpected file size ("
                        + offset + " != " + size + ")");
            }
            byte[] computed = fixed != null ? fixed.computeCsum() : dynamicCsumPreview();
            if (!MessageDigest.isEqual(computed, csum)) {
                throw new BackupProtocolException(kind() + " writer '" + name + "' close failed - got unexpected checksum");
            }
            IndexSummary summary = fixed != null ? fixed.finish(syncLevel == SyncLevel.FILE)
                    : dynamic.finish(syncLevel == SyncLevel.FILE);
            if (!MessageDigest.isEqual(summary.csum(), csum)) {
                throw new IllegalStateException("index checksum changed while writing " + name);
            }
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    private byte[] dynamicCsumPreview() {
        return dynamic.currentCsum();
    }

    private String kind() {
        return fixed != null ? "fixed" : "dynamic";
    }

    void abort() {
        if (fixed != null) {
            fixed.close();
        } else {
            dynamic.close();
        }
    }

    @Override
    public String toString() {
        return kind() + " writer '" + name + "'";
    }
}
