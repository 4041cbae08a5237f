package org.pbsj.core.calendar;

/**
 * Text that is not a valid calendar event, time span or daily duration. Names the character
 * position where parsing stopped, like PBS's "unable to parse ... at '...'".
 */
public class CalendarSyntaxException extends IllegalArgumentException {
    private final String input;
    private final int position;

    public CalendarSyntaxException(String what, String input, int position, String reason) {
        super("unable to parse " + what + " at '" + input.substring(Math.min(position, input.length()))
                + "' (position " + position + "): " + reason);
        this.input = input;
        this.position = position;
    }

    public String input() {
        return input;
    }

    /** Index of the first character that could not be parsed. */
    public int position() {
        return position;
    }
}
