package org.pbsj.core.error;

/** Decryption or authentication failed: wrong key, wrong password, or tampered data. */
public class DecryptionException extends PbsFormatException {
    public DecryptionException(String source, long offset, String message) {
        super(source, offset, message, null);
    }

    public DecryptionException(String source, long offset, String message, Throwable cause) {
        super(source, offset, message, cause);
    }

    public DecryptionException(String message) {
        super(null, -1, message, null);
    }
}
