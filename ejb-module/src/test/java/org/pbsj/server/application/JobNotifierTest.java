package org.pbsj.server.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.server.application.AccessFixture.ROOT;
import static org.pbsj.server.application.AccessFixture.as;
import static org.pbsj.server.application.UserAndTokenServicesTest.assertStatus;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pbsj.core.datastore.GcStatus;
import org.pbsj.core.job.JobLog;
import org.pbsj.server.domain.DatastoreConfig;
import org.pbsj.server.domain.TestDatabases;
import org.pbsj.server.domain.UserAccount;
import org.pbsj.server.infrastructure.ServerEnvironment;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * Job notifications through a real SMTP server (GreenMail, in this JVM): the datastore's
 * {@code notify}/{@code notify-user}/{@code notification-mode} settings, the SMTP endpoint
 * configuration and its test mail, and send failures that only end up in the task log.
 */
class JobNotifierTest {
    private static final String UPID = "UPID:node:00001234:00005678:00000001:65000000:garbage_collection:store1:root@pam:";

    @TempDir
    Path dir;
    GreenMail smtp;

    /** A task log that keeps its lines. */
    static final class Lines implements JobLog {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void info(String message) {
            lines.add(message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN: " + message);
        }
    }

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    /** The services over the fixture's entity manager, a datastore store1 and user john@pbs with an email. */
    private record Wired(AccessFixture f, JobNotifier notifier, SmtpEndpointService endpoints, DatastoreService stores) {
        void store(String notifyUser, String notify, String mode) {
            f.run(() -> stores.update(ROOT, "store1", new DatastoreService.DatastoreUpdate(null, null, notifyUser, notify,
                    mode), Set.of(), null));
        }
    }

    private Wired wire(AccessFixture f) {
        JobNotifier notifier = new JobNotifier();
        notifier.em = f.em;
        notifier.env = new ServerEnvironment();
        SmtpEndpointService endpoints = new SmtpEndpointService();
        endpoints.em = f.em;
        endpoints.permissions = f.permissions;
        endpoints.notifier = notifier;
        DatastoreService stores = new DatastoreService();
        stores.em = f.em;
        stores.permissions = f.permissions;
        f.run(() -> {
            f.em.persist(new DatastoreConfig("store1", dir.resolve("store1").toString()));
            UserAccount john = new UserAccount("john@pbs");
            john.setEmail("john@example.com");
            f.em.persist(john);
            UserAccount jane = new UserAccount("jane@pbs");
            jane.setEmail("jane@example.com");
            f.em.persist(jane);
        });
        return new Wired(f, notifier, endpoints, stores);
    }

    private SmtpEndpointService.EndpointUpdate endpoint(int port, List<String> mailto, List<String> mailtoUser) {
        return new SmtpEndpointService.EndpointUpdate("127.0.0.1", port, "insecure", null, "not-shown", mailto,
                mailtoUser, "pbs@example.com", null, "local relay", null);
    }

    private static JobNotice gcOk() {
        GcStatus s = new GcStatus(UPID, 3, 650_000, 500_000, 3, 2048, 2, 0, 0, 0, 0);
        return new JobNotice(JobNotice.Kind.GC, "store1", null, UPID, null, JobMail.gcSummary(s), null, null, false);
    }

    private static String text(MimeMessage m) throws Exception {
        return ((String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
    }

    private static List<String> to(MimeMessage m) throws Exception {
        return Arrays.stream(m.getAllRecipients()).map(Address::toString).sorted().toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void legacyModeMailsTheNotifyUserAccordingToTheNotifyLevels(String db) throws Exception {
        try (AccessFixture f = new AccessFixture(db, dir)) {
            Wired w = wire(f);
            int port = smtp.getSmtp().getPort();
            f.run(() -> w.endpoints.create(ROOT, "relay", endpoint(port, List.of("ops@example.com"), List.of())));
            Lines log = new Lines();

            // default notify-user root@pam has no email here: nothing is sent
            w.notifier.jobEnded(gcOk(), log);
            assertEquals(0, smtp.getReceivedMessages().length);

            w.store("john@pbs", null, null);
            w.notifier.jobEnded(gcOk(), log);
            assertTrue(smtp.waitForIncomingEmail(5000, 1));
            MimeMessage m = smtp.getReceivedMessages()[0];
            assertEquals(List.of("john@example.com"), to(m));
            assertEquals("Garbage Collect Datastore 'store1' successful", m.getSubject());
            assertTrue(m.getFrom()[0].toString().contains("pbs@example.com"), m.getFrom()[0].toString());
            String body = text(m);
            assertTrue(body.contains("Datastore:            store1"), body);
            assertTrue(body.contains("Task ID:              " + UPID), body);
            assertTrue(body.contains("Removed chunks:       2"), body);
            assertTrue(body.contains("Removed garbage:      2 KiB"), body);
            assertTrue(body.contains("Deduplication Factor: 1.30"), body);
            assertTrue(body.contains("Garbage collection successful."), body);
            assertTrue(body.contains("/task.xhtml?upid=UPID%3Anode%3A"), body);
            assertTrue(log.lines.contains("sent notification to john@example.com via SMTP endpoint 'relay'"), log.lines.toString());

            // gc=never: nothing; prune by default only on errors
            w.store(null, "gc=never", null);
            w.notifier.jobEnded(gcOk(), log);
            JobNotice pruneOk = JobNotice.ofTask("prunejob", "daily", "store1", UPID, null,
                    JobMail.pruneSummary(3, 1, 2), null, null, false).orElseThrow();
            w.notifier.jobEnded(pruneOk, log);
            Thread.sleep(300);
            assertEquals(1, smtp.getReceivedMessages().length);

            JobNotice pruneFailed = JobNotice.ofTask("prunejob", "daily", "store1", UPID, "group locked", List.of(),
                    null, null, false).orElseThrow();
            w.notifier.jobEnded(pruneFailed, log);
            assertTrue(smtp.waitForIncomingEmail(5000, 2));
            m = smtp.getReceivedMessages()[1];
            assertEquals("Pruning datastore 'store1' failed", m.getSubject());
            assertTrue(text(m).contains("Job ID:               daily"), text(m));
            assertTrue(text(m).contains("Pruning failed: group locked"), text(m));

            // verify=error: a failed verification is mailed with its snapshots; an aborted one is not
            w.store(null, "verify=error", null);
            JobNotice verifyFailed = JobNotice.ofTask("verificationjob", "v-1", "store1", UPID, "verification failed",
                    JobMail.verifySummary(List.of("vm/100/2024-01-01T00:00:00Z")), null, null, false).orElseThrow();
            w.notifier.jobEnded(verifyFailed, log);
            assertTrue(smtp.waitForIncomingEmail(5000, 3));
            m = smtp.getReceivedMessages()[2];
            assertEquals("Verify Datastore 'store1' failed", m.getSubject());
            assertTrue(text(m).contains("Verification failed on these snapshots/groups:\n\n  vm/100/2024-01-01T00:00:00Z"),
                    text(m));
            w.notifier.jobEnded(new JobNotice(JobNotice.Kind.VERIFY, "store1", null, UPID, "aborted", List.of(), null,
                    null, true), log);
            Thread.sleep(300);
            assertEquals(3, smtp.getReceivedMessages().length);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void notificationSystemModeMailsEveryEndpointsRecipientsAndIgnoresNotify(String db) throws Exception {
        try (AccessFixture f = new AccessFixture(db, dir)) {
            Wired w = wire(f);
            int port = smtp.getSmtp().getPort();
            f.run(() -> w.endpoints.create(ROOT, "relay", endpoint(port, List.of("ops@example.com"),
                    List.of("jane@pbs", "nobody@pbs"))));
            w.store("john@pbs", "sync=never", "notification-system");
            Lines log = new Lines();
            JobNotice sync = JobNotice.ofTask("syncjob", "remote1:src:store1::s-1", "store1", UPID, null, List.of(
                    "Snapshots synced:     4"), "remote1", "src", false).orElseThrow();
            assertEquals("s-1", sync.jobId());
            w.notifier.jobEnded(sync, log);
            assertTrue(smtp.waitForIncomingEmail(5000, 2)); // one copy per recipient
            MimeMessage m = smtp.getReceivedMessages()[0];
            assertEquals(List.of("jane@example.com", "ops@example.com"), to(m));
            assertEquals("Sync remote 'remote1' datastore 'src' successful", m.getSubject());
            assertTrue(text(m).contains("Remote Store:         src"), text(m));
            assertTrue(text(m).contains("Snapshots synced:     4"), text(m));

            // a manual sync or prune sends nothing, whatever the settings
            assertTrue(JobNotice.ofTask("sync", "x", "store1", UPID, null, List.of(), null, null, false).isEmpty());
            assertTrue(JobNotice.ofTask("prune", "x", "store1", UPID, null, List.of(), null, null, false).isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void endpointConfigurationTestMailAndSendFailures(String db) throws Exception {
        try (AccessFixture f = new AccessFixture(db, dir)) {
            Wired w = wire(f);
            int port = smtp.getSmtp().getPort();
            f.run(() -> w.endpoints.create(ROOT, "relay", endpoint(port, List.of("ops@example.com"), List.of())));
            SmtpEndpointService.Endpoint e = f.tx(() -> w.endpoints.get(ROOT, "relay"));
            assertEquals("127.0.0.1", e.server());
            assertEquals("insecure", e.mode());
            assertEquals(List.of("ops@example.com"), e.mailto());
            assertFalse(e.toString().contains("not-shown"));
            assertStatus(400, () -> f.run(() -> w.endpoints.create(ROOT, "relay", endpoint(port, List.of(), List.of()))));
            assertStatus(400, () -> f.run(() -> w.endpoints.create(ROOT, "bad", new SmtpEndpointService.EndpointUpdate(
                    "127.0.0.1", null, "ssl", null, null, null, null, "pbs@example.com", null, null, null))));
            assertStatus(403, () -> f.run(() -> w.endpoints.list(as("john@pbs"))));
            assertStatus(400, () -> w.store(null, "gc=sometimes", null));
            assertStatus(400, () -> w.store(null, null, "sendmail"));

            f.run(() -> w.endpoints.test(ROOT, "relay"));
            assertTrue(smtp.waitForIncomingEmail(5000, 1));
            assertEquals("Test notification", smtp.getReceivedMessages()[0].getSubject());

            // a relay that does not answer: the task log says so, the job goes on
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            String digest = f.tx(w.endpoints::digest);
            f.run(() -> w.endpoints.update(ROOT, "relay", new SmtpEndpointService.EndpointUpdate(null, closed, null, null,
                    null, null, null, null, null, null, null), Set.of("comment"), digest));
            assertNull(f.tx(() -> w.endpoints.get(ROOT, "relay")).comment());
            w.store("john@pbs", null, null);
            Lines log = new Lines();
            w.notifier.jobEnded(gcOk(), log);
            assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("could not send notification via SMTP endpoint 'relay'")),
                    log.lines.toString());
            assertStatus(400, () -> f.run(() -> w.endpoints.test(ROOT, "relay")));

            f.run(() -> w.endpoints.delete(ROOT, "relay", null));
            assertTrue(f.tx(() -> w.endpoints.list(ROOT)).isEmpty());
            log.lines.clear();
            w.notifier.jobEnded(gcOk(), log);
            assertEquals(List.of("cannot send notification to john@example.com: no SMTP endpoint configured"), log.lines);
        }
    }

    @org.junit.jupiter.api.Test
    void notifySettingsParseFormatAndDefaults() {
        NotifySettings s = NotifySettings.parse(" prune=always , gc=error");
        assertEquals("gc=error,prune=always", s.format());
        assertEquals(NotifySettings.Level.ALWAYS, NotifySettings.DEFAULTS.level(JobNotice.Kind.SYNC));
        assertEquals(NotifySettings.Level.ERROR, NotifySettings.DEFAULTS.level(JobNotice.Kind.PRUNE));
        assertFalse(NotifySettings.Level.ERROR.wants(true));
        assertTrue(NotifySettings.Level.ERROR.wants(false));
        assertNull(NotifySettings.parse("").format());
        assertEquals("1.5 KiB", JobMail.bytes(1536));
        assertEquals("1020 B", JobMail.bytes(1020));
        assertEquals("2 MiB", JobMail.bytes(2 * 1024 * 1024));
    }
}
