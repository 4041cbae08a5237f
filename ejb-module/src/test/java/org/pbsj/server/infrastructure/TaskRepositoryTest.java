package org.pbsj.server.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pbsj.core.task.TaskState;
import org.pbsj.core.task.Upid;
import org.pbsj.server.domain.TaskFilter;
import org.pbsj.server.domain.TaskRecord;
import org.pbsj.server.domain.TestDatabases;

/** The task list filters of {@code rest-api.md} §6.3, as JPQL, on H2 and PostgreSQL. */
class TaskRepositoryTest {
    private static EntityManagerFactory h2;
    private static EntityManagerFactory postgresql;

    static java.util.stream.Stream<String> databases() {
        return TestDatabases.names();
    }

    @BeforeAll
    static void fill() {
        h2 = filled(TestDatabases.open("h2"));
        postgresql = filled(TestDatabases.open("postgresql"));
    }

    @AfterAll
    static void close() {
        h2.close();
        postgresql.close();
    }

    /** task n starts at n*100; a@pbsx checks that a token prefix is no plain string prefix. */
    private static EntityManagerFactory filled(EntityManagerFactory emf) {
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        em.persist(task(1, "a@pbs", "backup", "s1", TaskState.ok(110)));
        em.persist(task(2, "a@pbs!tok", "verify", "s1", TaskState.warnings(210, 2)));
        em.persist(task(3, "b@pbs", "garbage_collection", "s2", TaskState.error(305, "boom")));
        em.persist(task(4, "b@pbs", "create-datastore", null, null));
        em.persist(task(5, "a@pbsx", "prune", "s2", TaskState.unknown(501)));
        em.getTransaction().commit();
        em.close();
        return emf;
    }

    private static TaskRecord task(int n, String authId, String type, String store, TaskState end) {
        TaskRecord r = new TaskRecord(new Upid("pbs1", 42, 0x1000, n, n * 100L, type, store, authId), store);
        if (end != null) {
            r.stop(end);
        }
        return r;
    }

    private static List<Long> ids(String db, UnaryOperator<Filters> f, int start, int limit) {
        EntityManager em = (db.equals("h2") ? h2 : postgresql).createEntityManager();
        try {
            return new TaskRepository(em).list(f.apply(new Filters()).build(), start, limit).stream()
                    .map(TaskRecord::getTaskId).toList();
        } finally {
            em.close();
        }
    }

    private static List<Long> ids(String db, UnaryOperator<Filters> f) {
        return ids(db, f, 0, 0);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void newestFirstAndPaged(String db) {
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), ids(db, f -> f));
        assertEquals(List.of(4L, 3L), ids(db, f -> f, 1, 2));
        assertEquals(List.of(), ids(db, f -> f, 5, 2));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ownersSeeTheirOwnAndTheirTokensTasks(String db) {
        assertEquals(List.of(2L, 1L), ids(db, f -> f.owner("a@pbs", true)));
        assertEquals(List.of(1L), ids(db, f -> f.owner("a@pbs", false)));
        assertEquals(List.of(2L), ids(db, f -> f.owner("a@pbs!tok", false)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void filters(String db) {
        assertEquals(List.of(2L, 1L), ids(db, f -> f.store("s1")));
        assertEquals(List.of(4L), ids(db, f -> f.running()));
        assertEquals(List.of(5L, 4L, 3L, 2L), ids(db, f -> f.errors()));
        assertEquals(List.of(4L, 3L), ids(db, f -> f.user("b@")));
        assertEquals(List.of(2L), ids(db, f -> f.type("verif")));
        assertEquals(List.of(5L, 4L, 3L, 2L), ids(db, f -> f.since(210L)));
        assertEquals(List.of(3L, 2L, 1L), ids(db, f -> f.until(300L)));
        assertEquals(List.of(3L), ids(db, f -> f.status(TaskState.Kind.ERROR)));
        assertEquals(List.of(5L, 2L), ids(db, f -> f.status(TaskState.Kind.WARNING, TaskState.Kind.UNKNOWN)));
        assertEquals(List.of(1L), ids(db, f -> f.status(TaskState.Kind.OK)));
        assertEquals(List.of(2L), ids(db, f -> f.owner("a@pbs", true).errors()));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void runningTasksAndTheCounterOfAProcess(String db) {
        EntityManager em = (db.equals("h2") ? h2 : postgresql).createEntityManager();
        try {
            TaskRepository repo = new TaskRepository(em);
            assertEquals(List.of(4L), repo.running().stream().map(TaskRecord::getTaskId).toList());
            assertEquals(5, repo.maxTaskId(42, 0x1000));
            assertEquals(-1, repo.maxTaskId(43, 0x1000));
        } finally {
            em.close();
        }
    }

    /** A small builder, so each case names only the filter it tests. */
    static final class Filters {
        private String owner;
        private boolean tokens;
        private String store;
        private boolean running;
        private boolean errors;
        private String user;
        private String type;
        private Long since;
        private Long until;
        private Set<TaskState.Kind> status = Set.of();

        Filters owner(String o, boolean withTokens) { owner = o; tokens = withTokens; return this; }
        Filters store(String s) { store = s; return this; }
        Filters running() { running = true; return this; }
        Filters errors() { errors = true; return this; }
        Filters user(String u) { user = u; return this; }
        Filters type(String t) { type = t; return this; }
        Filters since(Long s) { since = s; return this; }
        Filters until(Long u) { until = u; return this; }
        Filters status(TaskState.Kind... k) { status = Set.of(k); return this; }

        TaskFilter build() {
            return new TaskFilter(owner, tokens, store, running, errors, user, type, since, until, status);
        }
    }
}
