package org.pbsj.server.application;

import static org.pbsj.server.auth.Privilege.SYS_AUDIT;
import static org.pbsj.server.auth.Privilege.SYS_MODIFY;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.server.auth.Identities;
import org.pbsj.server.domain.SmtpEndpointConfig;
import org.pbsj.server.infrastructure.SmtpMailer;

/**
 * SMTP notification targets ({@code /config/notifications/endpoints/smtp}, PBS 3's
 * {@code notifications.cfg}): Sys.Audit on {@code /system/notifications} to read, Sys.Modify to
 * change; the password is write-only. {@link JobNotifier} sends through them.
 */
@Stateless
public class SmtpEndpointService {
    static final String ACL_PATH = "/system/notifications";
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._\\-]{0,31}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]_]{1,255}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>,;\"]+@[^\\s@<>,;\"]+");

    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    PermissionService permissions;
    @Inject
    JobNotifier notifier;

    /** An endpoint as the API shows it: no password, the recipient lists split. */
    public record Endpoint(String name, String server, Integer port, String mode, String username, List<String> mailto,
            List<String> mailtoUser, String fromAddress, String author, String comment, boolean disable) {
        static Endpoint of(SmtpEndpointConfig c) {
            return new Endpoint(c.getName(), c.getServer(), c.getPort(), c.getMode(), c.getUsername(), split(c.getMailto()),
                    split(c.getMailtoUser()), c.getFromAddress(), c.getAuthor(), c.getComment(), c.isDisable());
        }
    }

    /** Create/update values; null = not given (unchanged). */
    public record EndpointUpdate(String server, Integer port, String mode, String username, String password,
            List<String> mailto, List<String> mailtoUser, String fromAddress, String author, String comment,
            Boolean disable) {
    }

    public List<Endpoint> list(AuthService.Caller caller) {
        permissions.require(caller, ACL_PATH, SYS_AUDIT);
        return all();
    }

    public String digest() {
        return JobConfigs.digest(all());
    }

    public Endpoint get(AuthService.Caller caller, String name) {
        permissions.require(caller, ACL_PATH, SYS_AUDIT);
        return Endpoint.of(find(name));
    }

    public void create(AuthService.Caller caller, String name, EndpointUpdate u) {
        permissions.require(caller, ACL_PATH, SYS_MODIFY);
        if (name == null) {
            throw SnapshotSelector.missing("name");
        }
        if (!NAME.matcher(name).matches()) {
            throw invalid("name", "value does not match the regex pattern");
        }
        if (u.server() == null) {
            throw SnapshotSelector.missing("server");
        }
        if (u.fromAddress() == null) {
            throw SnapshotSelector.missing("from-address");
        }
        validate(u);
        if (em.find(SmtpEndpointConfig.class, name) != null) {
            throw ServiceException.badRequest("endpoint '" + name + "' already exists");
        }
        SmtpEndpointConfig c = new SmtpEndpointConfig(name, u.server(), u.fromAddress());
        apply(c, u, Set.of());
        em.persist(c);
    }

    public void update(AuthService.Caller caller, String name, EndpointUpdate u, Set<String> delete, String digest) {
        permissions.require(caller, ACL_PATH, SYS_MODIFY);
        SmtpEndpointConfig c = find(name);
        JobConfigs.checkDigest(digest, all());
        validate(u);
        apply(c, u, delete);
    }

    public void delete(AuthService.Caller caller, String name, String digest) {
        permissions.require(caller, ACL_PATH, SYS_MODIFY);
        SmtpEndpointConfig c = find(name);
        JobConfigs.checkDigest(digest, all());
        em.remove(c);
    }

    /** {@code POST /config/notifications/targets/{name}/test}: a test mail; a send failure is a 400 with its cause. */
    public void test(AuthService.Caller caller, String name) {
        permissions.require(caller, ACL_PATH, SYS_MODIFY);
        notifier.sendTest(find(name));
    }

    private List<Endpoint> all() {
        return em.createQuery("select e from SmtpEndpointConfig e order by e.name", SmtpEndpointConfig.class)
                .getResultList().stream().map(Endpoint::of).toList();
    }

    private SmtpEndpointConfig find(String name) {
        SmtpEndpointConfig c = name == null ? null : em.find(SmtpEndpointConfig.class, name);
        if (c == null) {
            throw ServiceException.notFound("endpoint '" + name + "' does not exist");
        }
        return c;
    }

    private static void validate(EndpointUpdate u) {
        if (u.server() != null && !HOST.matcher(u.server()).matches()) {
            throw invalid("server", "value is not a valid DNS name or IP address");
        }
        if (u.port() != null && (u.port() < 1 || u.port() > 65535)) {
            throw invalid("port", "value must be between 1 and 65535");
        }
        if (u.mode() != null) {
            try {
                SmtpMailer.Mode.parse(u.mode());
            } catch (IllegalArgumentException e) {
                throw invalid("mode", "value must be one of insecure, starttls, tls");
            }
        }
        if (u.fromAddress() != null && !EMAIL.matcher(u.fromAddress()).matches()) {
            throw invalid("from-address", "value is not an email address");
        }
        if (u.mailto() != null) {
            u.mailto().stream().filter(m -> !EMAIL.matcher(m).matches()).findFirst()
                    .ifPresent(m -> { throw invalid("mailto", "'" + m + "' is not an email address"); });
        }
        if (u.mailtoUser() != null) {
            u.mailtoUser().stream().filter(m -> !Identities.isUserid(m)).findFirst()
                    .ifPresent(m -> { throw invalid("mailto-user", "'" + m + "' is not a user id"); });
        }
        for (String[] f : new String[][] {{"username", u.username()}, {"author", u.author()}, {"comment", u.comment()}}) {
            if (f[1] != null && f[1].length() > 256) {
                throw invalid(f[0], "value too long");
            }
        }
        if (u.password() != null && u.password().length() > 1024) {
            throw invalid("password", "value too long");
        }
    }

    private static void apply(SmtpEndpointConfig c, EndpointUpdate u, Set<String> delete) {
        if (u.server() != null) c.setServer(u.server());
        if (u.port() != null) c.setPort(u.port());
        if (u.mode() != null) c.setMode(u.mode());
        if (u.username() != null) c.setUsername(blank(u.username()));
        if (u.password() != null) c.setPassword(u.password());
        if (u.mailto() != null) c.setMailto(join(u.mailto()));
        if (u.mailtoUser() != null) c.setMailtoUser(join(u.mailtoUser()));
        if (u.fromAddress() != null) c.setFromAddress(u.fromAddress());
        if (u.author() != null) c.setAuthor(blank(u.author()));
        if (u.comment() != null) c.setComment(blank(u.comment()));
        if (u.disable() != null) c.setDisable(u.disable());
        for (String d : delete == null ? Set.<String>of() : delete) {
            switch (d) {
                case "port" -> c.setPort(null);
                case "mode" -> c.setMode(null);
                case "username" -> c.setUsername(null);
                case "password" -> c.setPassword(null);
                case "mailto" -> c.setMailto(null);
                case "mailto-user" -> c.setMailtoUser(null);
                case "author" -> c.setAuthor(null);
                case "comment" -> c.setComment(null);
                case "disable" -> c.setDisable(false);
                default -> throw invalid("delete", "'" + d + "' cannot be deleted");
            }
        }
    }

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of()
                : Arrays.stream(joined.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String join(List<String> values) {
        String s = String.join(",", values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList());
        return s.isEmpty() ? null : s;
    }

    private static String blank(String s) {
        return s.isEmpty() ? null : s;
    }

    private static ServiceException invalid(String param, String message) {
        return ServiceException.badRequest("parameter verification errors\n\n" + param + ": " + message);
    }
}
