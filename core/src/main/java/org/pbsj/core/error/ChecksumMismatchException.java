package org.pbsj.core.error;

/** A CRC or digest over the data does not match the stored or expected value. */
public class ChecksumMismatchException extends PbsFormatException {
    public ChecksumMismatchException(String source, long offset, String message) {
        super(source, offset, message, null);
    }

    public ChecksumMismatchException(String source, long offset, String message, Throwable cause) {
        super(source, offset, message, cause);
    }

    public ChecksumMismatchException(String message) {
        super(null, -1, message, null);
    }
}
