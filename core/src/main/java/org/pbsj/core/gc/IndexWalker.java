package org.pbsj.core.gc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import org.pbsj.core.store.StoreException;

/**
 * GC phase 1's list of index files (datastore-jobs.md §1.2.1): a walk of the datastore that
 * never descends into or returns names starting with {@code .}, and returns every regular file
 * whose last extension is exactly {@code fidx} or {@code didx} (so {@code *.tmp_didx} files of
 * running backups are not indexes). Vanished entries are ignored; permission problems abort,
 * except for {@code lost+found} directly below the datastore.
 */
final class IndexWalker {
    private IndexWalker() {
    }

    static List<Path> indexFiles(Path base) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(base) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String n = file.getFileName().toString();
                    if (attrs.isRegularFile() && !n.startsWith(".") && (n.endsWith(".fidx") || n.endsWith(".didx"))) {
                        out.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException || hidden(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (e instanceof AccessDeniedException) {
                        if (file.getFileName().toString().equals("lost+found") && base.relativize(file).getNameCount() <= 1) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw new StoreException(file, "cannot continue garbage-collection safely, permission denied on: "
                                + file);
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk datastore " + base + " for index files", e);
        }
        return out;
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }
}
