package org.pbsj.server.application;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.auth.UnixCrypt;
import org.pbsj.server.auth.Identities;
import org.pbsj.server.domain.UserAccount;
import org.pbsj.server.infrastructure.LdapDirectory;

/**
 * First factor by realm ({@code access-control.md} §2): {@code pbs} against the stored
 * yescrypt hash (re-hashed after a good login with an old scheme), LDAP realms against their
 * directory. {@code pam} is not available on this server, so nobody logs in through it. The user
 * must exist in the user table, whatever the realm.
 */
@Stateless
public class RealmAuthenticator {
    private static final Logger LOG = Logger.getLogger(RealmAuthenticator.class.getName());

    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    RealmService realms;

    private final UnixCrypt crypt = new UnixCrypt();

    /** True if {@code password} is the password of the (existing) user {@code userid}. */
    public boolean authenticate(String userid, String password) {
        if (userid == null || password == null || !Identities.isUserid(userid)) {
            return false;
        }
        UserAccount user = em.find(UserAccount.class, userid);
        if (user == null) {
            return false;
        }
        String realm = Identities.realmOf(userid);
        if (realm.equals("pbs")) {
            if (!crypt.verify(password, user.getPasswordHash())) {
                return false;
            }
            if (UnixCrypt.needsRehash(user.getPasswordHash())) {
                user.setPasswordHash(crypt.hash(password));
            }
            return true;
        }
        Optional<LdapDirectory.Settings> ldap = realms.ldapSettings(realm);
        if (ldap.isEmpty()) {
            return false;
        }
        try {
            return LdapDirectory.authenticate(ldap.get(), Identities.nameOf(userid), password);
        } catch (LdapDirectory.DirectoryUnavailableException e) {
            LOG.log(Level.WARNING, "LDAP realm " + realm + ": " + e.getMessage());
            return false;
        }
    }

    /** Stores a new password; only the {@code pbs} realm keeps passwords here. */
    public void storePassword(String userid, String password) {
        UserService.checkPassword(password);
        String realm = Identities.realmOf(userid);
        if (!realm.equals("pbs")) {
            throw ServiceException.badRequest(realm.equals("pam")
                    ? "PAM passwords cannot be changed through this server"
                    : "storing passwords is not implemented for LDAP realms");
        }
        UserAccount user = em.find(UserAccount.class, userid);
        if (user == null) {
            throw ServiceException.notFound("user '" + userid + "' does not exist.");
        }
        user.setPasswordHash(crypt.hash(password));
    }
}
