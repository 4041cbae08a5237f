package org.pbsj.core.error;

/**
 * Base of the typed, unchecked format errors. Carries where the problem was found so that
 * operators see the file and byte offset, not just "corrupt".
 */
public abstract class PbsFormatException extends RuntimeException {
    private final String source;
    private final long offset;

    protected PbsFormatException(String source, long offset, String message, Throwable cause) {
        super(describe(source, offset, message), cause);
        this.source = source;
        this.offset = offset;
    }

    private static String describe(String source, long offset, String message) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source);
        }
        if (offset >= 0) {
            sb.append(sb.length() > 0 ? " at offset " : "offset ").append(offset);
        }
        return sb.length() == 0 ? message : sb.append(": ").append(message).toString();
    }

    /** File name, object key or other label of the input; may be null. */
    public String source() {
        return source;
    }

    /** Byte offset in the source where the problem was found, or -1 if not applicable. */
    public long offset() {
        return offset;
    }
}
