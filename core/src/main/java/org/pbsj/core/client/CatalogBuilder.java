package org.pbsj.core.client;

import java.io.IOException;
import java.io.InputStream;

import org.pbsj.core.catalog.CatalogWriter;
import org.pbsj.core.pxar.Entry;
import org.pbsj.core.pxar.PxarDecoder;
import org.pbsj.core.pxar.PxarFormat;

/**
 * Fills the snapshot catalog ({@code pxar-format.md} §8) from a pxar archive as it is written:
 * the archive bytes are decoded on a second thread, so the catalog lists exactly what the archive
 * holds (files that vanished or could not be read are not in either).
 */
final class CatalogBuilder {
    private CatalogBuilder() {
    }

    /** Adds one archive's tree as directory {@code archiveName} of the catalog root. */
    static void addArchive(CatalogWriter catalog, String archiveName, InputStream pxar) throws IOException {
        catalog.startDirectory(archiveName);
        PxarDecoder decoder = PxarDecoder.open(pxar, archiveName);
        for (Entry e = decoder.next(); e != null; e = decoder.next()) {
            if (e.isRoot()) {
                continue;
            }
            byte[] name = e.fileName();
            switch (e.kind()) {
                case DIRECTORY -> catalog.startDirectory(name);
                case GOODBYE -> {
                    if (!(e.path().length == 1 && e.path()[0] == '/')) {
                        catalog.endDirectory();
                    }
                }
                case FILE -> catalog.addFile(name, e.fileSize(), e.metadata().mtimeSecs());
                case HARDLINK -> catalog.addSimple(org.pbsj.core.catalog.CatalogEntryType.HARDLINK, name);
                case SYMLINK -> catalog.addSimple(org.pbsj.core.catalog.CatalogEntryType.SYMLINK, name);
                case DEVICE -> catalog.addSimple((e.metadata().mode() & PxarFormat.IFMT) == PxarFormat.IFBLK
                        ? org.pbsj.core.catalog.CatalogEntryType.BLOCK_DEVICE
                        : org.pbsj.core.catalog.CatalogEntryType.CHAR_DEVICE, name);
                case FIFO -> catalog.addSimple(org.pbsj.core.catalog.CatalogEntryType.FIFO, name);
                case SOCKET -> catalog.addSimple(org.pbsj.core.catalog.CatalogEntryType.SOCKET, name);
                default -> throw new IllegalStateException("unexpected entry kind " + e.kind());
            }
        }
        catalog.endDirectory();
    }
}
