package org.pbsj.core.datastore;

/** Backup type directory of a namespace (datastore-layout.md §5). Declared in listing order. */
public enum BackupType {
    CT("ct"),
    HOST("host"),
    VM("vm");

    private final String value;

    BackupType(String value) {
        this.value = value;
    }

    /** Directory name and API string. */
    public String value() {
        return value;
    }

    /** PBS sort order: ct 0, host 1, vm 2. */
    public int order() {
        return ordinal();
    }

    public static BackupType parse(String s) {
        for (BackupType t : values()) {
            if (t.value.equals(s)) {
                return t;
            }
        }
        throw new InvalidNameException("invalid backup type '" + (s == null ? null : Names.printable(s)) + "'");
    }

    public static boolean isValid(String s) {
        for (BackupType t : values()) {
            if (t.value.equals(s)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return value;
    }
}
