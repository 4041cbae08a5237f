package org.pbsj.batch;

import java.util.Properties;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.pbsj.server.application.BatchJobs;

/**
 * {@link BatchJobs} of this module: {@code BatchRuntime.getJobOperator()} called from here is
 * this deployment's operator, which knows {@code META-INF/batch-jobs/*.xml} and the
 * {@code @Named} artifacts. Outside a transaction, so the job repository rows are committed
 * before the job's thread reads them.
 */
@Stateless
@Local(BatchJobs.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BatchJobStarter implements BatchJobs {
    @Override
    public long start(String jobXml, Properties params) {
        return BatchRuntime.getJobOperator().start(jobXml, params);
    }
}
