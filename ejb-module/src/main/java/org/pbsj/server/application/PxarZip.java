package org.pbsj.server.application;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.pbsj.core.pxar.Entry;
import org.pbsj.core.pxar.EntryKind;
import org.pbsj.core.pxar.PxarAccessor;

/**
 * A pxar directory as a ZIP stream, like PBS's {@code create_zip}: names relative to the
 * directory's parent, files and hardlink targets with their content, directories as entries
 * ending in {@code /}; symlinks, devices, FIFOs and sockets are left out.
 */
final class PxarZip {
    private PxarZip() {
    }

    static void write(PxarAccessor pxar, Entry dir, OutputStream out) throws IOException {
        String prefix = parentOf(dir.pathString());
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Deque<Entry> todo = new ArrayDeque<>(); // iterative: a deep tree cannot overflow the stack
        if (!dir.isRoot()) {
            add(zip, prefix, dir, null, pxar);
        }
        todo.push(dir);
        while (!todo.isEmpty()) {
            Entry d = todo.pop();
            for (Entry e : pxar.list(d)) {
                if (e.kind() == EntryKind.DIRECTORY) {
                    add(zip, prefix, e, null, pxar);
                    todo.push(e);
                } else if (e.kind() == EntryKind.FILE) {
                    add(zip, prefix, e, e, pxar);
                } else if (e.kind() == EntryKind.HARDLINK) {
                    add(zip, prefix, e, pxar.resolveHardlink(e), pxar);
                }
            }
        }
        zip.finish();
        zip.flush();
    }

    private static void add(ZipOutputStream zip, String prefix, Entry e, Entry content, PxarAccessor pxar)
            throws IOException {
        String name = e.pathString().substring(prefix.length());
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        ZipEntry z = new ZipEntry(content == null ? name + "/" : name);
        Entry withTime = content == null ? e : content;
        z.setLastModifiedTime(FileTime.from(withTime.metadata().mtimeSecs(), TimeUnit.SECONDS));
        zip.putNextEntry(z);
        if (content != null) {
            pxar.contents(content).transferTo(zip);
        }
        zip.closeEntry();
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }
}
