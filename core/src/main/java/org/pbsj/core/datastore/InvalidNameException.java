package org.pbsj.core.datastore;

/** A datastore, namespace, backup type/id or snapshot name does not follow the PBS rules. */
public class InvalidNameException extends IllegalArgumentException {
    public InvalidNameException(String message) {
        super(message);
    }
}
