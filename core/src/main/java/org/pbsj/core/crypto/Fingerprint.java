package org.pbsj.core.crypto;

import java.util.Arrays;
import java.util.HexFormat;

import org.pbsj.core.error.CorruptDataException;

/** A 32-byte key fingerprint with PBS's two text forms ({@code crypto.md} §4). */
public record Fingerprint(byte[] bytes) {
    public Fingerprint {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("fingerprint must be 32 bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Parses {@code xx:xx:…} (colons optional), exactly 32 bytes. */
    public static Fingerprint parse(String text) {
        String hex = text.replace(":", "");
        if (hex.length() != 64) {
            throw new CorruptDataException("fingerprint", -1, "expected 32 bytes, got \"" + text + "\"");
        }
        try {
            return new Fingerprint(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("fingerprint", -1, "not hex: \"" + text + "\"", e);
        }
    }

    /** Full form: 32 lowercase hex pairs joined by {@code :}. */
    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    /** Short form ("key id"): the first 8 bytes. */
    public String toShortString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes, 0, 8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && Arrays.equals(bytes, f.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
