package org.pbsj.server.application;

import java.time.Clock;
import java.time.ZoneId;
import java.util.OptionalLong;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.calendar.CalendarEvent;
import org.pbsj.core.calendar.CalendarSyntaxException;
import org.pbsj.core.task.TaskState;
import org.pbsj.core.task.Upid;
import org.pbsj.server.domain.JobRunState;
import org.pbsj.server.domain.TaskRecord;

/**
 * Job states ({@code calendar-events.md} §4): the last start per job, and the schedule status
 * shown with job lists ({@code next-run}, {@code last-run-*}).
 */
@Stateless
public class JobStateService {
    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    Clock clock;

    /** Flattened {@code JobScheduleStatus}; absent values are null. */
    public record ScheduleStatus(Long nextRun, String lastRunState, String lastRunUpid, Long lastRunEndtime,
            Long duration) {
    }

    /** Records a start (own transaction: it must stick even if the caller's work rolls back). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordStart(String jobId, String upid) {
        JobRunState s = state(jobId);
        s.started(Upid.parse(upid).starttime(), upid);
    }

    /** A new or changed schedule counts from now. */
    public void scheduleChanged(String jobId) {
        state(jobId).setUpdated(clock.instant().getEpochSecond());
    }

    public void remove(String jobId) {
        JobRunState s = em.find(JobRunState.class, jobId);
        if (s != null) {
            em.remove(s);
        }
    }

    /** The state row, created (reference time = now) if the job never had one. */
    public JobRunState state(String jobId) {
        JobRunState s = em.find(JobRunState.class, jobId);
        if (s == null) {
            s = new JobRunState(jobId, clock.instant().getEpochSecond());
            em.persist(s);
        }
        return s;
    }

    /** Due ⇔ {@code next(schedule, last run) <= now}; a schedule that does not parse is never due. */
    public boolean isDue(String jobId, String schedule) {
        if (schedule == null || schedule.isBlank()) {
            return false;
        }
        OptionalLong next = next(schedule, state(jobId).lastRun());
        return next.isPresent() && next.getAsLong() <= clock.instant().getEpochSecond();
    }

    public ScheduleStatus status(String jobId, String schedule) {
        JobRunState s = em.find(JobRunState.class, jobId);
        String upid = s == null ? null : s.getLastUpid();
        TaskRecord task = upid == null ? null : em.find(TaskRecord.class, upid);
        Long end = task == null ? null : task.getEndtime();
        TaskState state = task == null ? null : task.state();
        long reference;
        if (task != null) {
            reference = end != null ? end : task.getStarttime();
        } else {
            reference = s != null ? s.lastRun() : clock.instant().getEpochSecond();
        }
        if (s != null && s.getUpdated() > reference) {
            reference = s.getUpdated();
        }
        Long next = null;
        if (schedule != null && !schedule.isBlank()) {
            OptionalLong n = next(schedule, reference);
            next = n.isPresent() ? n.getAsLong() : null;
        }
        return new ScheduleStatus(next, state == null ? null : state.text(), upid, end,
                end == null ? null : end - task.getStarttime());
    }

    static OptionalLong next(String schedule, long last) {
        try {
            return CalendarEvent.parse(schedule).next(last, ZoneId.systemDefault());
        } catch (CalendarSyntaxException e) {
            return OptionalLong.empty();
        }
    }

}
