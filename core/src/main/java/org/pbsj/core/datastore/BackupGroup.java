package org.pbsj.core.datastore;

import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A backup group {@code <type>/<id>} in a namespace (datastore-layout.md §5). */
public record BackupGroup(BackupNamespace ns, BackupType type, String id) implements Comparable<BackupGroup> {
    public static final Pattern PATH_REGEX = Pattern.compile("(host|vm|ct)/([A-Za-z0-9_][A-Za-z0-9._\\-]*)");
    public static final String OWNER_FILE = "owner";
    public static final String NOTES_FILE = "notes";

    /** PBS listing order: namespace, then ct &lt; host &lt; vm, then numeric ids first and by value. */
    public static final Comparator<BackupGroup> ORDER = Comparator.comparing(BackupGroup::ns)
            .thenComparing(BackupGroup::type).thenComparing(BackupGroup::id, BackupGroup::compareIds);

    public BackupGroup {
        Objects.requireNonNull(ns, "ns");
        Objects.requireNonNull(type, "type");
        Names.requireBackupId(id);
    }

    public static BackupGroup of(BackupType type, String id) {
        return new BackupGroup(BackupNamespace.ROOT, type, id);
    }

    /** Parses {@code vm/100} in namespace {@code ns}. */
    public static BackupGroup parse(BackupNamespace ns, String typeSlashId) {
        Matcher m = PATH_REGEX.matcher(typeSlashId);
        if (!m.matches()) {
            throw new InvalidNameException("not a backup group: '" + Names.printable(typeSlashId) + "'");
        }
        return new BackupGroup(ns, BackupType.parse(m.group(1)), m.group(2));
    }

    public static BackupGroup parse(String typeSlashId) {
        return parse(BackupNamespace.ROOT, typeSlashId);
    }

    /** Path relative to the datastore: {@code [ns/a/]vm/100}. */
    public String path() {
        String nsPath = ns.path();
        return (nsPath.isEmpty() ? "" : nsPath + "/") + type.value() + "/" + id;
    }

    public BackupDir snapshot(long epochSeconds) {
        return new BackupDir(this, epochSeconds);
    }

    /**
     * Rust's order for ids: both parse as u64 ⇒ numeric; a numeric id before a non-numeric one;
     * otherwise byte order (the ids are ASCII, so {@code compareTo} is byte order).
     */
    static int compareIds(String a, String b) {
        Long na = parseU64(a);
        Long nb = parseU64(b);
        if (na != null && nb != null) {
            return Long.compareUnsigned(na, nb);
        }
        if (na != null) {
            return -1;
        }
        if (nb != null) {
            return 1;
        }
        return a.compareTo(b);
    }

    private static Long parseU64(String s) {
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public int compareTo(BackupGroup o) {
        return ORDER.compare(this, o);
    }

    /** Display form {@code vm/100} (without namespace, as PBS prints it). */
    @Override
    public String toString() {
        return type.value() + "/" + id;
    }
}
