package org.pbsj.core.store;

import java.util.Locale;

/** Datastore tuning option {@code sync-level} (datastore-layout.md §9.4). */
public enum SyncLevel {
    /** No explicit syncing. */
    NONE,
    /** fsync each new file before its rename and its directory after the rename. */
    FILE,
    /** One {@code syncfs(2)} of the datastore when a backup is finished (PBS default). */
    FILESYSTEM;

    /** The PBS property value: {@code none}, {@code file} or {@code filesystem}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SyncLevel parse(String value) {
        for (SyncLevel l : values()) {
            if (l.value().equals(value)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown sync-level '" + value + "'");
    }
}
