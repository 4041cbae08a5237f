package org.pbsj.server.application;

import static org.pbsj.server.auth.Privilege.REMOTE_AUDIT;
import static org.pbsj.server.auth.Privilege.REMOTE_MODIFY;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.protocol.PinnedTrust;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Identities;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.domain.RemoteConfig;
import org.pbsj.server.infrastructure.RemoteApi;

/**
 * Remotes ({@code rest-api.md} §4.5 {@code /config/remote}): list filtered by Remote.Audit,
 * create with Remote.Modify on {@code /remote}, read Audit and update/delete Modify on
 * {@code /remote/{name}}; the password is write-only. {@code scan} lists the remote's datastores
 * and groups through its API (Remote.Audit).
 */
@Stateless
public class RemoteService {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._\\-]{2,31}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]_]{1,255}");

    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    PermissionService permissions;

    /** A remote as the API shows it: no password. */
    public record Remote(String name, String host, Integer port, String authId, String fingerprint, String comment) {
        static Remote of(RemoteConfig c) {
            return new Remote(c.getName(), c.getHost(), c.getPort(), c.getAuthId(), c.getFingerprint(), c.getComment());
        }

        @Override
        public String toString() { // the digest's canonical text
            return name + "|" + host + "|" + port + "|" + authId + "|" + fingerprint + "|" + comment;
        }
    }

    /** Create/update values; null = not given (unchanged). */
    public record RemoteUpdate(String host, Integer port, String authId, String password, String fingerprint,
            String comment) {
    }

    static String aclPath(String name) {
        return "/remote/" + name;
    }

    public List<Remote> list(AuthService.Caller caller) {
        AclTree acl = permissions.tree();
        return all().stream().filter(r -> acl.privileges(caller.authId(), aclPath(r.name()))
                .hasAny(Privilege.mask(REMOTE_AUDIT))).toList();
    }

    public String digest() {
        return JobConfigs.digest(all());
    }

    public Remote get(AuthService.Caller caller, String name) {
        RemoteConfig c = find(name);
        permissions.require(caller, aclPath(name), REMOTE_AUDIT);
        return Remote.of(c);
    }

    public void create(AuthService.Caller caller, String name, RemoteUpdate u) {
        permissions.require(caller, "/remote", REMOTE_MODIFY);
        if (name == null) {
            throw SnapshotSelector.missing("name");
        }
        if (!NAME.matcher(name).matches()) {
            throw invalid("name", "value does not match the regex pattern");
        }
        for (String[] req : new String[][] {{"host", u.host()}, {"auth-id", u.authId()}, {"password", u.password()}}) {
            if (req[1] == null) {
                throw SnapshotSelector.missing(req[0]);
            }
        }
        validate(u);
        if (em.find(RemoteConfig.class, name) != null) {
            throw ServiceException.badRequest("remote '" + name + "' already exists.");
        }
        RemoteConfig c = new RemoteConfig(name, u.host(), u.authId(), u.password());
        apply(c, u, Set.of());
        em.persist(c);
    }

    public void update(AuthService.Caller caller, String name, RemoteUpdate u, Set<String> delete, String digest) {
        RemoteConfig c = find(name);
        permissions.require(caller, aclPath(name), REMOTE_MODIFY);
        JobConfigs.checkDigest(digest, all());
        validate(u);
        apply(c, u, delete);
    }

    public void delete(AuthService.Caller caller, String name, String digest) {
        RemoteConfig c = find(name);
        permissions.require(caller, aclPath(name), REMOTE_MODIFY);
        JobConfigs.checkDigest(digest, all());
        List<String> users = em.createQuery("select j.id from SyncJobConfig j where j.remote = :r order by j.id", String.class)
                .setParameter("r", name).getResultList();
        if (!users.isEmpty()) {
            throw ServiceException.badRequest("remote '" + name + "' is used by sync job '" + users.get(0) + "'");
        }
        em.remove(c);
    }

    /** {@code GET /config/remote/{name}/scan}: the remote's datastores as it lists them to the remote user. */
    public List<?> scanDatastores(AuthService.Caller caller, String name) {
        return list(api(caller, name).get("admin/datastore", Map.of()));
    }

    /** {@code …/scan/{store}/namespaces}. */
    public List<?> scanNamespaces(AuthService.Caller caller, String name, String store) {
        return list(api(caller, name).get("admin/datastore/" + RemoteApi.segment(store) + "/namespace", Map.of()));
    }

    /** {@code …/scan/{store}/groups?namespace=}. */
    public List<?> scanGroups(AuthService.Caller caller, String name, String store, String namespace) {
        BackupNamespace ns = SnapshotSelector.parseNamespace("namespace", namespace);
        Map<String, Object> q = new LinkedHashMap<>();
        if (!ns.isRoot()) {
            q.put("ns", ns.toString());
        }
        return list(api(caller, name).get("admin/datastore/" + RemoteApi.segment(store) + "/groups", q));
    }

    /** How to reach a remote (for the sync job, whose privileges were checked when it started). */
    public RemoteApi.Target target(String name) {
        RemoteConfig c = find(name);
        return new RemoteApi.Target(c.getName(), c.getHost(), c.getPort() == null ? RemoteApi.DEFAULT_PORT : c.getPort(),
                c.getAuthId(), c.getPassword(), c.getFingerprint());
    }

    public boolean exists(String name) {
        return name != null && em.find(RemoteConfig.class, name) != null;
    }

    private RemoteApi api(AuthService.Caller caller, String name) {
        RemoteApi.Target t = target(name);
        permissions.require(caller, aclPath(name), REMOTE_AUDIT);
        return new RemoteApi(t);
    }

    private static List<?> list(Object data) {
        return data instanceof List<?> l ? l : List.of();
    }

    private List<Remote> all() {
        return em.createQuery("select r from RemoteConfig r order by r.name", RemoteConfig.class).getResultList()
                .stream().map(Remote::of).toList();
    }

    private RemoteConfig find(String name) {
        RemoteConfig c = name == null ? null : em.find(RemoteConfig.class, name);
        if (c == null) {
            throw ServiceException.notFound("remote '" + name + "' does not exist.");
        }
        return c;
    }

    private static void validate(RemoteUpdate u) {
        if (u.host() != null && !HOST.matcher(u.host()).matches()) {
            throw invalid("host", "value is not a valid DNS name or IP address");
        }
        if (u.port() != null && (u.port() < 1 || u.port() > 65535)) {
            throw invalid("port", "value must be between 1 and 65535");
        }
        if (u.authId() != null && !Identities.isAuthId(u.authId())) {
            throw invalid("auth-id", "value is not a valid user or API token id");
        }
        if (u.password() != null && (u.password().isEmpty() || u.password().length() > 1024)) {
            throw invalid("password", "length must be 1..1024");
        }
        if (u.fingerprint() != null && !u.fingerprint().isEmpty()) {
            try {
                PinnedTrust.normalize(u.fingerprint());
            } catch (IllegalArgumentException e) {
                throw invalid("fingerprint", "value is not a SHA-256 fingerprint (xx:xx:...)");
            }
        }
        if (u.comment() != null && u.comment().length() > 256) {
            throw invalid("comment", "value too long");
        }
    }

    private static void apply(RemoteConfig c, RemoteUpdate u, Set<String> delete) {
        if (u.host() != null) c.setHost(u.host());
        if (u.port() != null) c.setPort(u.port());
        if (u.authId() != null) c.setAuthId(u.authId());
        if (u.password() != null) c.setPassword(u.password());
        if (u.fingerprint() != null) c.setFingerprint(u.fingerprint().isEmpty() ? null : PinnedTrust.normalize(u.fingerprint()));
        if (u.comment() != null) c.setComment(u.comment().isEmpty() ? null : u.comment());
        if (JobConfigs.deletes(delete, "port")) c.setPort(null);
        if (JobConfigs.deletes(delete, "fingerprint")) c.setFingerprint(null);
        if (JobConfigs.deletes(delete, "comment")) c.setComment(null);
    }

    static ServiceException invalid(String param, String message) {
        return ServiceException.badRequest("parameter verification errors\n\n" + param + ": " + message);
    }
}
