package org.pbsj.server.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.job.JobLog;
import org.pbsj.server.domain.DatastoreConfig;
import org.pbsj.server.domain.SmtpEndpointConfig;
import org.pbsj.server.domain.UserAccount;
import org.pbsj.server.infrastructure.ProcessIdentity;
import org.pbsj.server.infrastructure.ServerEnvironment;
import org.pbsj.server.infrastructure.SmtpMailer;

/**
 * Mails the end of a datastore job, with the datastore's settings as PBS reads them:
 * <ul>
 * <li>{@code notification-mode=legacy-sendmail} (the default): the {@code notify} level of the job
 * kind decides (always, error, never; unset: always, prune: error), and the mail goes to the email
 * of {@code notify-user} (default root@pam). PBS hands it to the local sendmail; this server has
 * none and sends through the first enabled SMTP endpoint (by name) instead.</li>
 * <li>{@code notification-system}: every enabled SMTP endpoint gets the notification, sent to its
 * {@code mailto} addresses and the emails of its {@code mailto-user}s ({@code notify} is not
 * consulted, as in PBS; there are no matchers: every job notification matches).</li>
 * </ul>
 * A failure to send is written to the task log and the server log and never fails the job.
 * Outside transactions: an SMTP conversation may take as long as its timeout.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobNotifier {
    public static final String LEGACY_SENDMAIL = "legacy-sendmail";
    public static final String NOTIFICATION_SYSTEM = "notification-system";
    private static final Logger LOG = Logger.getLogger(JobNotifier.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    ServerEnvironment env;

    SmtpMailer mailer = new SmtpMailer(TIMEOUT);

    /** Sends the notification of a job's end, if the datastore's settings ask for one. */
    public void jobEnded(JobNotice n, JobLog log) {
        try {
            DatastoreConfig cfg = n.store() == null ? null : em.find(DatastoreConfig.class, n.store());
            if (cfg == null || (n.kind() == JobNotice.Kind.VERIFY && n.aborted())) {
                return;
            }
            String node = ProcessIdentity.nodeName();
            JobMail.Mail mail = JobMail.render(n, node, env.httpsPort());
            if (NOTIFICATION_SYSTEM.equals(cfg.getNotificationMode())) {
                for (SmtpEndpointConfig e : endpoints()) {
                    List<String> to = recipients(e);
                    if (to.isEmpty()) {
                        log.info("notification target '" + e.getName() + "' has no recipients, skipped");
                    } else {
                        send(e, to, mail, node, log);
                    }
                }
                return;
            }
            if (!NotifySettings.parse(cfg.getNotify()).level(n.kind()).wants(n.ok())) {
                return;
            }
            String user = cfg.getNotifyUser() != null ? cfg.getNotifyUser() : AuthService.SUPERUSER;
            Optional<String> email = email(user);
            if (email.isEmpty()) {
                LOG.fine(() -> "no notification for task " + n.upid() + ": user " + user + " has no email address");
                return;
            }
            List<SmtpEndpointConfig> endpoints = endpoints();
            if (endpoints.isEmpty()) {
                log.info("cannot send notification to " + email.get() + ": no SMTP endpoint configured");
                return;
            }
            send(endpoints.get(0), List.of(email.get()), mail, node, log);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot send the notification of task " + n.upid(), e);
            log.info("could not send notification: " + e.getMessage());
        }
    }

    /** A test mail through one endpoint to its recipients; a failure is a 400 with the cause. */
    public void sendTest(SmtpEndpointConfig e) {
        List<String> to = recipients(e);
        if (to.isEmpty()) {
            throw ServiceException.badRequest("target '" + e.getName() + "' has no recipients");
        }
        String node = ProcessIdentity.nodeName();
        try {
            mailer.send(server(e), new SmtpMailer.Mail(e.getFromAddress(), author(e, node), to, "Test notification",
                    "This is a test of the notification target '" + e.getName() + "'.\n"));
        } catch (MessagingException | RuntimeException ex) {
            throw ServiceException.badRequest("could not notify via target '" + e.getName() + "': " + message(ex));
        }
    }

    private void send(SmtpEndpointConfig e, List<String> to, JobMail.Mail mail, String node, JobLog log) {
        try {
            mailer.send(server(e), new SmtpMailer.Mail(e.getFromAddress(), author(e, node), to, mail.subject(),
                    mail.text()));
            log.info("sent notification to " + String.join(", ", to) + " via SMTP endpoint '" + e.getName() + "'");
        } catch (MessagingException | RuntimeException ex) {
            LOG.log(Level.WARNING, "cannot send notification via SMTP endpoint '" + e.getName() + "'", ex);
            log.info("could not send notification via SMTP endpoint '" + e.getName() + "': " + message(ex));
        }
    }

    private List<SmtpEndpointConfig> endpoints() {
        return em.createQuery("select e from SmtpEndpointConfig e where e.disable = false order by e.name",
                SmtpEndpointConfig.class).getResultList();
    }

    /** The endpoint's {@code mailto} addresses, then its users' emails (users without one are left out). */
    List<String> recipients(SmtpEndpointConfig e) {
        Set<String> to = new LinkedHashSet<>(SmtpEndpointService.split(e.getMailto()));
        SmtpEndpointService.split(e.getMailtoUser()).forEach(u -> email(u).ifPresent(to::add));
        return new ArrayList<>(to);
    }

    private Optional<String> email(String userid) {
        UserAccount u = em.find(UserAccount.class, userid);
        return Optional.ofNullable(u == null || u.getEmail() == null || u.getEmail().isBlank() ? null : u.getEmail());
    }

    private static SmtpMailer.Server server(SmtpEndpointConfig e) {
        return new SmtpMailer.Server(e.getServer(), e.getPort(), SmtpMailer.Mode.parse(e.getMode()), e.getUsername(),
                e.getPassword());
    }

    private static String author(SmtpEndpointConfig e, String node) {
        return e.getAuthor() != null ? e.getAuthor() : "pbsj - " + node;
    }

    private static String message(Exception e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            sb.append(": ").append(t.getMessage());
        }
        return sb.toString().replaceAll("\\s+", " ");
    }
}
