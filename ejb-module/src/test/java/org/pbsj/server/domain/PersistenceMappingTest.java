package org.pbsj.server.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pbsj.core.task.TaskState;
import org.pbsj.core.task.Upid;

class PersistenceMappingTest {
    static java.util.stream.Stream<String> databases() {
        return TestDatabases.names();
    }

    private static void inTx(EntityManagerFactory emf, Consumer<EntityManager> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void usersTokensAclsAndDatastoresRoundTrip(String db) {
        try (EntityManagerFactory emf = TestDatabases.open(db)) {
            inTx(emf, em -> {
                UserAccount u = new UserAccount("jöhn@pbs");
                u.setComment("Ünïcode comment");
                u.setExpire(1735689600L);
                u.setEmail("john@example.com");
                u.setPasswordHash("$y$j9T$salt$hash");
                em.persist(u);
                ApiToken t = new ApiToken("jöhn@pbs!backup", "$y$hash");
                t.setEnabled(false);
                em.persist(t);
                em.persist(new AclEntry("/datastore/store1", "jöhn@pbs", "DatastoreAdmin", true));
                DatastoreConfig d = new DatastoreConfig("store1", "/srv/pbs/store1");
                d.setGcSchedule("daily");
                em.persist(d);
            });
            inTx(emf, em -> {
                UserAccount u = em.find(UserAccount.class, "jöhn@pbs");
                assertEquals("Ünïcode comment", u.getComment());
                assertTrue(u.isActive(1735689599L));
                assertFalse(u.isActive(1735689600L));
                ApiToken t = em.find(ApiToken.class, "jöhn@pbs!backup");
                assertEquals("jöhn@pbs", t.userid());
                assertFalse(t.isActive(0));
                assertEquals("DatastoreAdmin", em.createQuery("select a from AclEntry a", AclEntry.class)
                        .getSingleResult().getRole());
                assertEquals("daily", em.find(DatastoreConfig.class, "store1").getGcSchedule());
            });
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void duplicateAclEntriesAreRejected(String db) {
        try (EntityManagerFactory emf = TestDatabases.open(db)) {
            inTx(emf, em -> em.persist(new AclEntry("/", "a@pbs", "Admin", true)));
            assertThrows(PersistenceException.class,
                    () -> inTx(emf, em -> em.persist(new AclEntry("/", "a@pbs", "Admin", false))));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void remotesAndSyncJobsRoundTrip(String db) {
        try (EntityManagerFactory emf = TestDatabases.open(db)) {
            inTx(emf, em -> {
                RemoteConfig r = new RemoteConfig("offsite", "pbs.example.com", "sync@pbs!pull", "s3cr3t-ünï");
                r.setPort(8007);
                r.setFingerprint("ab:".repeat(31) + "ab");
                r.setComment("off-site copy");
                em.persist(r);
                SyncJobConfig j = new SyncJobConfig("pull-offsite", "store2", "store1");
                j.setRemote("offsite");
                j.setRemoveVanished(true);
                j.setGroupFilter("type:vm\nexclude:regex:^vm/1");
                j.setRateIn(10_000_000L);
                j.setTransferLast(3);
                em.persist(j);
            });
            inTx(emf, em -> {
                RemoteConfig r = em.find(RemoteConfig.class, "offsite");
                assertEquals("s3cr3t-ünï", r.getPassword());
                assertEquals(8007, r.getPort());
                assertEquals(95, r.getFingerprint().length());
                SyncJobConfig j = em.find(SyncJobConfig.class, "pull-offsite");
                assertEquals("offsite", j.getRemote());
                assertEquals("type:vm\nexclude:regex:^vm/1", j.getGroupFilter());
                assertEquals(10_000_000L, j.getRateIn());
                assertTrue(j.getRemoveVanished());
                assertNull(j.getMaxDepth());
            });
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void tasksRoundTripWithTheirUpidAndEndState(String db) {
        Upid upid = new Upid("pbs1", 1234, 0x1DEADBEEFL, 7, 0x665AF0A1L, "backup", "störe:host/my host", "jöhn@pbs!tok");
        try (EntityManagerFactory emf = TestDatabases.open(db)) {
            inTx(emf, em -> em.persist(new TaskRecord(upid, "störe")));
            inTx(emf, em -> {
                TaskRecord r = em.find(TaskRecord.class, upid.toString());
                assertEquals(upid, r.toUpid());
                assertTrue(r.isRunning());
                assertNull(r.state());
                assertEquals("störe", r.getStore());
                r.stop(TaskState.error(0x665AF0B0L, "x".repeat(5000)));
            });
            inTx(emf, em -> {
                TaskRecord r = em.find(TaskRecord.class, upid.toString());
                assertFalse(r.isRunning());
                assertEquals(TaskState.Kind.ERROR, r.state().kind());
                assertEquals(1024, r.getStatus().length());
                assertEquals(0x665AF0B0L, r.getEndtime());
            });
        }
    }
}
