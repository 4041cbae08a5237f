package org.pbsj.core.pxar;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One extended attribute: raw name (no NUL, ≤ 255 bytes) and raw value (≤ 64 KiB − 1). */
public record Xattr(byte[] name, byte[] value) {
    public Xattr {
        if (name.length == 0 || name.length > PxarFormat.MAX_XATTR_NAME_BYTES || indexOfNul(name) >= 0) {
            throw new IllegalArgumentException("invalid xattr name");
        }
        if (value.length > PxarFormat.MAX_XATTR_VALUE_BYTES) {
            throw new IllegalArgumentException("xattr value longer than " + PxarFormat.MAX_XATTR_VALUE_BYTES);
        }
        name = name.clone();
        value = value.clone();
    }

    public static Xattr of(String name, byte[] value) {
        return new Xattr(name.getBytes(StandardCharsets.UTF_8), value);
    }

    @Override
    public byte[] name() {
        return name.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public String nameString() {
        return new String(name, StandardCharsets.UTF_8);
    }

    static int indexOfNul(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Xattr x && Arrays.equals(name, x.name) && Arrays.equals(value, x.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(name) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Xattr[" + nameString() + "=" + value.length + " bytes]";
    }
}
