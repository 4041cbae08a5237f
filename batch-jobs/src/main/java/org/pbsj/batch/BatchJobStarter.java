package org.pbsj.batch;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
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
    /** How many recent instances of each job are searched for a task's execution. */
    private static final int SEARCHED_INSTANCES = 500;

    @Override
    public long start(String jobXml, Properties params) {
        return BatchRuntime.getJobOperator().start(jobXml, params);
    }

    @Override
    public Optional<Properties> parameters(String upid) {
        return latestExecution(upid).map(e -> {
            Properties p = new Properties();
            p.putAll(e.getJobParameters());
            return p;
        });
    }

    @Override
    public long restart(String upid, Properties params) {
        JobExecution e = latestExecution(upid).orElseThrow(
                () -> new IllegalArgumentException("no batch job execution ran task " + upid));
        // "detect" (JBeret's default) also restarts an execution left STARTED by a killed server
        return BatchRuntime.getJobOperator().restart(e.getExecutionId(), params);
    }

    private static Optional<JobExecution> latestExecution(String upid) {
        JobOperator op = BatchRuntime.getJobOperator();
        for (String name : op.getJobNames()) {
            for (JobInstance instance : op.getJobInstances(name, 0, SEARCHED_INSTANCES)) {
                List<JobExecution> executions = op.getJobExecutions(instance);
                boolean ran = executions.stream().anyMatch(x -> x.getJobParameters() != null
                        && upid.equals(x.getJobParameters().getProperty("upid")));
                if (ran) {
                    return executions.stream().max(Comparator.comparingLong(JobExecution::getExecutionId));
                }
            }
        }
        return Optional.empty();
    }
}
