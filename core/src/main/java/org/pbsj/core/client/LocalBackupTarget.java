package org.pbsj.core.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.pbsj.core.backup.BackupSession;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.Datastore;

/**
 * {@link BackupTarget} on a datastore directory of this machine: the protocol calls go straight
 * to the server-side {@link BackupSession}, so a local backup obeys exactly the rules (owner,
 * locks, known chunks, checksums at close) a remote one will.
 */
public final class LocalBackupTarget implements BackupTarget {
    private final BackupSession session;

    private LocalBackupTarget(BackupSession session) {
        this.session = session;
    }

    /** Starts a session (group lock, owner check, base snapshot, new snapshot directory). */
    public static LocalBackupTarget start(Datastore store, BackupDir dir, String authId, Clock clock) {
        return new LocalBackupTarget(BackupSession.start(store, dir, authId, clock));
    }

    @Override
    public BackupDir snapshot() {
        return session.snapshot();
    }

    @Override
    public Optional<Long> previousBackupTime() {
        return session.previousBackupTime();
    }

    @Override
    public byte[] downloadPrevious(String archiveName) {
        try {
            return Files.readAllBytes(session.previousFile(archiveName)); // indexes and manifests are small
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + archiveName + " of the previous backup", e);
        }
    }

    @Override
    public int createDynamicIndex(String archiveName) {
        return session.createDynamicIndex(archiveName);
    }

    @Override
    public int createFixedIndex(String archiveName, long size, String reuseCsum) {
        return session.createFixedIndex(archiveName, size, reuseCsum);
    }

    @Override
    public void uploadChunk(boolean fixed, int wid, byte[] digest, long size, byte[] encodedBlob) {
        session.uploadChunk(fixed, wid, digest, size, encodedBlob.length, encodedBlob);
    }

    @Override
    public void append(boolean fixed, int wid, List<byte[]> digests, List<Long> offsets) {
        session.append(fixed, wid, digests, offsets);
    }

    @Override
    public void closeIndex(boolean fixed, int wid, long chunkCount, long size, byte[] csum) {
        session.closeIndex(fixed, wid, chunkCount, size, csum);
    }

    @Override
    public void uploadBlob(String fileName, byte[] encodedBlob) {
        session.uploadBlob(fileName, encodedBlob.length, encodedBlob);
    }

    @Override
    public void finish() {
        session.finish();
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return "local backup " + session.snapshot();
    }
}
