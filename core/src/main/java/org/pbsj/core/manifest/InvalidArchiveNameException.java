package org.pbsj.core.manifest;

/** An archive name that is not a safe id or has no known archive type ({@code manifest.md} §1). */
public class InvalidArchiveNameException extends IllegalArgumentException {
    private final String archiveName;

    public InvalidArchiveNameException(String archiveName, String message) {
        super(message + ": \"" + archiveName + "\"");
        this.archiveName = archiveName;
    }

    public String archiveName() {
        return archiveName;
    }
}
