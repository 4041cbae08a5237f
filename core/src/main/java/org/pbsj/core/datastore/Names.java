package org.pbsj.core.datastore;

import java.util.regex.Pattern;

/**
 * The identifier rules of datastore-layout.md §7. Every name that becomes a path component passes
 * through here, so the regexes are also the path-traversal guard: the first character may not be
 * a dot, and {@code /}, NUL and other control characters never match.
 */
public final class Names {
    /** PBS {@code PROXMOX_SAFE_ID_REGEX}: datastore, namespace component, archive name, realm. */
    public static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._\\-]*");
    /** Backup ids use the same character rule. */
    public static final Pattern BACKUP_ID = SAFE_ID;
    /** A single path component cannot be longer on Linux file systems (bytes; the ids are ASCII). */
    public static final int MAX_COMPONENT_LENGTH = 255;

    private Names() {
    }

    public static boolean isSafeId(String s) {
        return s != null && s.length() <= MAX_COMPONENT_LENGTH && SAFE_ID.matcher(s).matches();
    }

    /** Returns {@code s} if it is a safe id, else throws naming {@code what}. */
    public static String requireSafeId(String what, String s) {
        if (s == null || s.isEmpty()) {
            throw new InvalidNameException(what + " must not be empty");
        }
        if (s.length() > MAX_COMPONENT_LENGTH) {
            throw new InvalidNameException(what + " is too long (" + s.length() + " > " + MAX_COMPONENT_LENGTH + ")");
        }
        if (!SAFE_ID.matcher(s).matches()) {
            throw new InvalidNameException(what + " '" + printable(s) + "' does not match " + SAFE_ID.pattern());
        }
        return s;
    }

    public static String requireBackupId(String id) {
        return requireSafeId("backup id", id);
    }

    /** Datastore name: safe id of length 3..32. */
    public static String requireDatastoreName(String name) {
        requireSafeId("datastore name", name);
        if (name.length() < 3 || name.length() > 32) {
            throw new InvalidNameException("datastore name must be 3..32 characters: '" + name + "'");
        }
        return name;
    }

    /** Escapes control characters so that an error message cannot be used to forge log lines. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 300; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
