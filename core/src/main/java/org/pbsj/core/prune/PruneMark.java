package org.pbsj.core.prune;

/** Prune decision for one snapshot, with PBS's log names. */
public enum PruneMark {
    KEEP("keep"),
    /** The newest snapshot is unfinished (possibly a running backup): left alone. */
    KEEP_PARTIAL("keep-partial"),
    PROTECTED("protected"),
    REMOVE("remove");

    private final String displayName;

    PruneMark(String displayName) {
        this.displayName = displayName;
    }

    /** Everything but {@link #REMOVE} keeps the snapshot. */
    public boolean keep() {
        return this != REMOVE;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
