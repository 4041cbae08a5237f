package org.pbsj.server.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.server.auth.Identities;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.domain.LdapRealm;
import org.pbsj.server.infrastructure.LdapDirectory;

/**
 * Authentication realms ({@code access-control.md} §2): the built-in {@code pam} and {@code pbs}
 * and the configured LDAP realms ({@code /config/access/ldap}).
 */
@Stateless
public class RealmService {
    public static final Set<String> BUILT_IN = Set.of("pam", "pbs");
    static final Set<String> MODES = Set.of("ldap", "ldap+starttls", "ldaps");
    static final Set<String> DELETABLE = Set.of("server2", "port", "comment", "bind-dn", "password", "filter",
            "verify", "mode");

    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    PermissionService permissions;

    /** One entry of {@code GET /access/domains}. */
    public record Domain(String realm, String type, String comment, Boolean isDefault) {
    }

    /** An LDAP realm's configuration as the API shows it (never with the bind password). */
    public record LdapConfig(String realm, String server1, String server2, Integer port, String baseDn,
            String userAttr, String mode, Boolean verify, String bindDn, String filter, String comment) {
        static LdapConfig of(LdapRealm r) {
            return new LdapConfig(r.getRealm(), r.getServer1(), r.getServer2(), r.getPort(), r.getBaseDn(),
                    r.getUserAttr(), r.getMode(), r.isVerify() ? Boolean.TRUE : null, r.getBindDn(), r.getFilter(),
                    r.getComment());
        }
    }

    /** Create/update input: null fields are left alone on update; {@code password} is the bind password. */
    public record LdapUpdate(String server1, String server2, Integer port, String baseDn, String userAttr,
            String mode, Boolean verify, String bindDn, String password, String filter, String comment) {
    }

    public List<Domain> domains() {
        List<Domain> out = new ArrayList<>();
        out.add(new Domain("pam", "pam", "Linux PAM standard authentication", null));
        out.add(new Domain("pbs", "pbs", "Proxmox Backup authentication server", true));
        for (LdapRealm r : ldapRealms()) {
            out.add(new Domain(r.getRealm(), "ldap", r.getComment(), null));
        }
        return out;
    }

    public boolean exists(String realm) {
        return BUILT_IN.contains(realm) || em.find(LdapRealm.class, realm) != null;
    }

    /** The directory settings of an LDAP realm, if {@code realm} is one. */
    public Optional<LdapDirectory.Settings> ldapSettings(String realm) {
        LdapRealm r = BUILT_IN.contains(realm) ? null : em.find(LdapRealm.class, realm);
        return Optional.ofNullable(r).map(x -> new LdapDirectory.Settings(x.getServer1(), x.getServer2(), x.getPort(),
                x.getBaseDn(), x.getUserAttr(), x.getMode(), x.isVerify(), x.getBindDn(), x.getBindPassword(),
                x.getFilter()));
    }

    public List<LdapConfig> listLdap(AuthService.Caller caller) {
        permissions.require(caller, "/access/domains", Privilege.SYS_AUDIT);
        return ldapRealms().stream().map(LdapConfig::of).toList();
    }

    public LdapConfig getLdap(AuthService.Caller caller, String realm) {
        permissions.require(caller, "/access/domains", Privilege.SYS_AUDIT);
        return LdapConfig.of(find(realm));
    }

    public void createLdap(AuthService.Caller caller, String realm, LdapUpdate spec) {
        permissions.require(caller, "/access/domains", Privilege.REALM_ALLOCATE);
        if (!Identities.isRealm(realm)) {
            throw ServiceException.badRequest("parameter verification errors\n\nrealm: value does not match the regex pattern");
        }
        if (exists(realm)) {
            throw ServiceException.badRequest("realm '" + realm + "' already exists.");
        }
        for (String[] required : new String[][] {{"server1", spec.server1()}, {"base-dn", spec.baseDn()},
                {"user-attr", spec.userAttr()}}) {
            if (required[1] == null || required[1].isBlank()) {
                throw ServiceException.badRequest("parameter verification errors\n\n" + required[0]
                        + ": parameter is missing and it is not optional.");
            }
        }
        LdapRealm r = new LdapRealm(realm);
        apply(r, spec);
        em.persist(r);
    }

    public void updateLdap(AuthService.Caller caller, String realm, LdapUpdate spec, List<String> delete) {
        permissions.require(caller, "/access/domains", Privilege.REALM_ALLOCATE);
        LdapRealm r = find(realm);
        for (String d : delete) {
            switch (d) {
                case "server2" -> r.setServer2(null);
                case "port" -> r.setPort(null);
                case "comment" -> r.setComment(null);
                case "bind-dn" -> r.setBindDn(null);
                case "password" -> r.setBindPassword(null);
                case "filter" -> r.setFilter(null);
                case "verify" -> r.setVerify(false);
                case "mode" -> r.setMode("ldap");
                default -> throw ServiceException.badRequest("parameter verification errors\n\ndelete: cannot delete '" + d + "'");
            }
        }
        apply(r, spec);
    }

    public void deleteLdap(AuthService.Caller caller, String realm) {
        permissions.require(caller, "/access/domains", Privilege.REALM_ALLOCATE);
        em.remove(find(realm));
    }

    private void apply(LdapRealm r, LdapUpdate s) {
        if (s.mode() != null && !MODES.contains(s.mode())) {
            throw ServiceException.badRequest("parameter verification errors\n\nmode: value '" + s.mode()
                    + "' is not one of ldap, ldap+starttls, ldaps");
        }
        if (s.port() != null && (s.port() < 1 || s.port() > 65535)) {
            throw ServiceException.badRequest("parameter verification errors\n\nport: value must be 1..65535");
        }
        if (s.server1() != null) {
            r.setServer1(s.server1().strip());
        }
        if (s.server2() != null) {
            r.setServer2(s.server2().isBlank() ? null : s.server2().strip());
        }
        if (s.port() != null) {
            r.setPort(s.port());
        }
        if (s.baseDn() != null) {
            r.setBaseDn(s.baseDn().strip());
        }
        if (s.userAttr() != null) {
            r.setUserAttr(s.userAttr().strip());
        }
        if (s.mode() != null) {
            r.setMode(s.mode());
        }
        if (s.verify() != null) {
            r.setVerify(s.verify());
        }
        if (s.bindDn() != null) {
            r.setBindDn(s.bindDn().isBlank() ? null : s.bindDn().strip());
        }
        if (s.password() != null) {
            r.setBindPassword(s.password());
        }
        if (s.filter() != null) {
            r.setFilter(s.filter().isBlank() ? null : s.filter().strip());
        }
        if (s.comment() != null) {
            r.setComment(s.comment().isBlank() ? null : s.comment().strip());
        }
    }

    private LdapRealm find(String realm) {
        LdapRealm r = BUILT_IN.contains(realm) ? null : em.find(LdapRealm.class, realm);
        if (r == null) {
            throw ServiceException.notFound("LDAP realm '" + realm + "' does not exist.");
        }
        return r;
    }

    private List<LdapRealm> ldapRealms() {
        return em.createQuery("select r from LdapRealm r order by r.realm", LdapRealm.class).getResultList();
    }
}
