package org.pbsj.server.application;

import java.util.Properties;

/**
 * Starts a job of the batch-jobs module. Implemented there, so that the job operator in use is
 * that module's: its job XML and its batch artifacts are the ones found (an EJB call runs with the
 * class loader of the bean's module). The ejb-module only knows this interface.
 */
public interface BatchJobs {
    /** Starts {@code jobXml} with {@code params}; returns the job execution id. */
    long start(String jobXml, Properties params);
}
