package org.pbsj.core.crypto;

import org.pbsj.core.error.CorruptDataException;

/** How a backup archive is protected ({@code crypto.md} §5), with PBS's JSON names. */
public enum CryptMode {
    NONE("none"),
    ENCRYPT("encrypt"),
    SIGN_ONLY("sign-only");

    private final String jsonName;

    CryptMode(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** Parses the JSON name ({@code none}, {@code encrypt}, {@code sign-only}). */
    public static CryptMode fromJson(String name, String source) {
        for (CryptMode m : values()) {
            if (m.jsonName.equals(name)) {
                return m;
            }
        }
        throw new CorruptDataException(source, -1, "unknown crypt-mode \"" + name + "\"");
    }

    /** Whether chunks of an archive in this mode are stored encrypted. */
    public boolean encryptsChunks() {
        return this == ENCRYPT;
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
