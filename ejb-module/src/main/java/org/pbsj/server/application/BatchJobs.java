package org.pbsj.server.application;

import java.util.Optional;
import java.util.Properties;

/**
 * Starts a job of the batch-jobs module. Implemented there, so that the job operator in use is
 * that module's: its job XML and its batch artifacts are the ones found (an EJB call runs with the
 * class loader of the bean's module). The ejb-module only knows this interface.
 */
public interface BatchJobs {
    /** Starts {@code jobXml} with {@code params}; returns the job execution id. */
    long start(String jobXml, Properties params);

    /** The job parameters of the most recent execution of the job instance that ran task {@code upid}. */
    Optional<Properties> parameters(String upid);

    /**
     * Restarts that job instance (a crashed, failed or stopped execution) with {@code params};
     * it continues from its last checkpoint. Returns the new execution id.
     */
    long restart(String upid, Properties params);
}
