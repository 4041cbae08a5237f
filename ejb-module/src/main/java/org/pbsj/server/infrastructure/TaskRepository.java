package org.pbsj.server.infrastructure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.pbsj.core.task.TaskState;
import org.pbsj.server.domain.TaskFilter;
import org.pbsj.server.domain.TaskRecord;

/**
 * Queries over the task list. Every filter is pushed into one JPQL query, so paging happens in
 * the database. A plain class over an {@link EntityManager} so the queries run in mapping tests.
 */
public final class TaskRepository {
    private static final String ERROR_STATUS = "(t.endtime is not null and t.status <> 'OK' and t.status <> 'unknown'"
            + " and t.status not like 'WARNINGS: %')";

    private final EntityManager em;

    public TaskRepository(EntityManager em) {
        this.em = em;
    }

    /** Tasks matching {@code f}, newest first; {@code limit} 0 = all. */
    public List<TaskRecord> list(TaskFilter f, int start, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.owner() != null) {
            if (f.ownerTokens()) {
                where.add("(t.authId = :owner or locate(:tokens, t.authId) = 1)");
                params.put("tokens", f.owner() + "!");
            } else {
                where.add("t.authId = :owner");
            }
            params.put("owner", f.owner());
        }
        if (f.store() != null) {
            where.add("t.store = :store");
            params.put("store", f.store());
        }
        if (f.running()) {
            where.add("t.endtime is null");
        }
        if (f.errors()) {
            where.add("(t.endtime is null or t.status <> 'OK')");
        }
        if (f.userfilter() != null) {
            where.add("locate(:user, t.authId) > 0");
            params.put("user", f.userfilter());
        }
        if (f.typefilter() != null) {
            where.add("locate(:type, t.workerType) > 0");
            params.put("type", f.typefilter());
        }
        if (f.since() != null) {
            // running tasks are never filtered out by 'since'
            where.add("(t.endtime is null or t.endtime >= :since)");
            params.put("since", f.since());
        }
        if (f.until() != null) {
            where.add("t.starttime <= :until");
            params.put("until", f.until());
        }
        if (!f.statusfilter().isEmpty()) {
            List<String> any = new ArrayList<>();
            for (TaskState.Kind k : f.statusfilter()) {
                any.add(switch (k) {
                    case OK -> "t.status = 'OK'";
                    case WARNING -> "t.status like 'WARNINGS: %'";
                    case UNKNOWN -> "t.status = 'unknown'";
                    case ERROR -> ERROR_STATUS;
                });
            }
            where.add("(t.endtime is not null and (" + String.join(" or ", any) + "))");
        }
        String jpql = "select t from TaskRecord t" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by t.starttime desc, t.pstart desc, t.taskId desc";
        TypedQuery<TaskRecord> q = em.createQuery(jpql, TaskRecord.class);
        params.forEach(q::setParameter);
        q.setFirstResult(start);
        if (limit > 0) {
            q.setMaxResults(limit);
        }
        return q.getResultList();
    }

    public TaskRecord find(String upid) {
        return em.find(TaskRecord.class, upid);
    }

    /** Tasks without an end: after a restart, those of processes that died. */
    public List<TaskRecord> running() {
        return em.createQuery("select t from TaskRecord t where t.endtime is null", TaskRecord.class).getResultList();
    }

    /** The highest task counter used by a process (pid, pstart), or -1: a redeployment continues it. */
    public long maxTaskId(long pid, long pstart) {
        Long max = em.createQuery("select max(t.taskId) from TaskRecord t where t.pid = :pid and t.pstart = :pstart",
                Long.class).setParameter("pid", pid).setParameter("pstart", pstart).getSingleResult();
        return max == null ? -1 : max;
    }
}
