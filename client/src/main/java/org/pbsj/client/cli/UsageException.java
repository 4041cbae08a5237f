package org.pbsj.client.cli;

/** Wrong command line: unknown command or option, missing or malformed argument. Exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
