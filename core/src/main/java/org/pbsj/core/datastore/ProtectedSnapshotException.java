package org.pbsj.core.datastore;

import java.nio.file.Path;

import org.pbsj.core.store.StoreException;

/** Removal of a snapshot refused because it carries the {@code .protected} marker. */
public class ProtectedSnapshotException extends StoreException {
    public ProtectedSnapshotException(Path path, String snapshot) {
        super(path, "cannot remove protected snapshot " + snapshot);
    }
}
