package org.pbsj.core.error;

/** Input is structurally damaged (bad magic, truncated, impossible length). */
public class CorruptDataException extends PbsFormatException {
    public CorruptDataException(String source, long offset, String message) {
        super(source, offset, message, null);
    }

    public CorruptDataException(String source, long offset, String message, Throwable cause) {
        super(source, offset, message, cause);
    }

    public CorruptDataException(String message) {
        super(null, -1, message, null);
    }
}
