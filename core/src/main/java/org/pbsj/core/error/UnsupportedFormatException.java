package org.pbsj.core.error;

/** Input is well formed but of a format or version this code does not implement. */
public class UnsupportedFormatException extends PbsFormatException {
    public UnsupportedFormatException(String source, long offset, String message) {
        super(source, offset, message, null);
    }

    public UnsupportedFormatException(String source, long offset, String message, Throwable cause) {
        super(source, offset, message, cause);
    }

    public UnsupportedFormatException(String message) {
        super(null, -1, message, null);
    }
}
