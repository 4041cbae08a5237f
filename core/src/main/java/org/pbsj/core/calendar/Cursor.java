package org.pbsj.core.calendar;

/**
 * Position in the text being parsed. Sub-parsers return {@code null} on failure and put the
 * position back, which gives the backtracking of the nom parsers in proxmox-time.
 */
final class Cursor {
    final String text;
    final String what;
    int pos;

    Cursor(String text, String what) {
        this.text = text;
        this.what = what;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    boolean startsWith(String prefix) {
        return text.startsWith(prefix, pos);
    }

    boolean consume(String prefix) {
        if (startsWith(prefix)) {
            pos += prefix.length();
            return true;
        }
        return false;
    }

    /** nom {@code space0}: spaces and tabs. */
    void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    boolean atAsciiLetter() {
        return pos < text.length() && isAsciiLetter(text.charAt(pos));
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** A run of ASCII digits as a non-negative long, or -1 if none (or too large). */
    long number() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            return -1;
        }
        try {
            return Long.parseLong(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            return -1;
        }
    }

    CalendarSyntaxException error(String reason) {
        return new CalendarSyntaxException(what, text, pos, reason);
    }

    void requireEnd() {
        if (!atEnd()) {
            throw error("unexpected text");
        }
    }
}
