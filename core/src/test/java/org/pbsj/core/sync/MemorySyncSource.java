package org.pbsj.core.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;

/**
 * A {@link SyncSource} held in maps, filled from a real datastore, that counts what is
 * transferred and can be told to fail: what the remote looks like to the puller.
 */
final class MemorySyncSource implements SyncSource {
    final Map<BackupDir, Map<String, byte[]>> snapshots = new TreeMap<>();
    final Set<BackupNamespace> namespaces = new HashSet<>(Set.of(BackupNamespace.ROOT));
    final Map<String, byte[]> chunks = new ConcurrentHashMap<>();
    final AtomicInteger chunkDownloads = new AtomicInteger();
    final AtomicInteger fileDownloads = new AtomicInteger();
    /** Chunk downloads fail once this many succeeded (-1 = never). */
    volatile int failAfterChunks = -1;

    /** Copies every snapshot (finished or not: unfinished ones lack the manifest) and chunk of {@code store}. */
    static MemorySyncSource of(Datastore store) {
        MemorySyncSource s = new MemorySyncSource();
        for (BackupNamespace ns : store.listNamespacesRecursive(BackupNamespace.ROOT, BackupNamespace.MAX_DEPTH)) {
            s.namespaces.add(ns);
            for (BackupGroup g : store.listGroups(ns)) {
                for (BackupDir d : store.listSnapshots(g)) {
                    Map<String, byte[]> files = new TreeMap<>();
                    try (Stream<Path> list = Files.list(store.snapshotPath(d))) {
                        for (Path p : list.filter(Files::isRegularFile).toList()) {
                            files.put(p.getFileName().toString(), Files.readAllBytes(p));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    s.snapshots.put(d, files);
                }
            }
        }
        try (Stream<Path> list = Files.walk(store.basePath().resolve(".chunks"))) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                s.chunks.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    @Override
    public List<BackupNamespace> namespaces(BackupNamespace anchor, int maxDepth) {
        return namespaces.stream().filter(n -> anchor.contains(n) && n.depth() - anchor.depth() <= maxDepth).toList();
    }

    @Override
    public List<BackupGroup> groups(BackupNamespace ns) {
        return snapshots.keySet().stream().map(BackupDir::group).filter(g -> g.ns().equals(ns)).distinct().toList();
    }

    @Override
    public List<SourceSnapshot> snapshots(BackupGroup group) {
        List<SourceSnapshot> out = new ArrayList<>();
        snapshots.forEach((d, files) -> {
            if (d.group().equals(group)) {
                out.add(new SourceSnapshot(d, files.containsKey(BackupDir.MANIFEST)));
            }
        });
        return out;
    }

    @Override
    public SnapshotReader open(BackupDir dir) {
        Map<String, byte[]> files = snapshots.get(dir);
        return new SnapshotReader() {
            @Override
            public Optional<byte[]> download(String fileName) {
                fileDownloads.incrementAndGet();
                return Optional.ofNullable(files == null ? null : files.get(fileName));
            }

            @Override
            public byte[] chunk(byte[] digest) {
                if (failAfterChunks >= 0 && chunkDownloads.get() >= failAfterChunks) {
                    throw new IllegalStateException("connection reset");
                }
                chunkDownloads.incrementAndGet();
                byte[] c = chunks.get(HexFormat.of().formatHex(digest));
                if (c == null) {
                    throw new IllegalStateException("no such chunk");
                }
                return c;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
    }
}
