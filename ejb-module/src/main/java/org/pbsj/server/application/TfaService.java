package org.pbsj.server.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.pbsj.server.auth.Privilege;
import org.pbsj.server.auth.TfaChallenge;
import org.pbsj.server.auth.TfaUserData;
import org.pbsj.server.domain.TfaUser;
import org.pbsj.server.domain.UserAccount;

/**
 * Second factors ({@code /access/tfa}, {@code access-control.md} §7): TOTP and recovery keys,
 * their login challenge and its verification. Changes need the caller's own password (except for
 * root@pam) and, for other users, {@code Permissions.Modify} on {@code /access/users}.
 */
@Stateless
public class TfaService {
    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    PermissionService permissions;
    @Inject
    RealmAuthenticator authenticator;
    @Inject
    Clock clock;

    private final SecureRandom random = new SecureRandom();

    /** The TFA lock state shown in the user list. */
    public record LockState(boolean totpLocked, Long tfaLockedUntil) {
    }

    /** One user's entries ({@code GET /access/tfa}). */
    public record UserEntries(String userid, List<TfaUserData.EntryInfo> entries, boolean totpLocked,
            Long tfaLockedUntil) {
    }

    /** What adding an entry answers: its id, and the recovery keys (shown once). */
    public record Added(String id, List<String> recovery) {
    }

    public List<UserEntries> listAll(AuthService.Caller caller) {
        boolean audit = permissions.privileges(caller, "/access/users").hasAll(Privilege.SYS_AUDIT.bit());
        List<UserEntries> out = new ArrayList<>();
        for (TfaUser t : em.createQuery("select t from TfaUser t order by t.userid", TfaUser.class).getResultList()) {
            if (audit || t.getUserid().equals(caller.userid())) {
                TfaUserData d = TfaUserData.parse(t.getData());
                out.add(new UserEntries(t.getUserid(), d.entries(), d.totpLocked(), lockedUntil(d)));
            }
        }
        return out;
    }

    public List<TfaUserData.EntryInfo> list(AuthService.Caller caller, String userid) {
        requireAccess(caller, userid);
        return data(userid).entries();
    }

    public TfaUserData.EntryInfo get(AuthService.Caller caller, String userid, String id) {
        requireAccess(caller, userid);
        return data(userid).entries().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> ServiceException.notFound("no such tfa entry: " + userid + "/" + id));
    }

    public Added add(AuthService.Caller caller, String userid, String type, String description, String totpUri,
            String value, String password) {
        requireAccess(caller, userid);
        confirm(caller, userid, password, true);
        TfaUser row = row(userid, true);
        TfaUserData d = TfaUserData.parse(row.getData());
        Added added;
        switch (type == null ? "" : type) {
            case "totp" -> {
                if (totpUri == null || value == null) {
                    throw ServiceException.badRequest("totp: 'totp' (otpauth URI) and 'value' (current code) are required");
                }
                if (description == null || description.isBlank()) {
                    throw ServiceException.badRequest("parameter verification errors\n\ndescription: missing description for totp entry");
                }
                try {
                    added = new Added(d.addTotp(UUID.randomUUID().toString(), description, totpUri, value, clock.instant()), null);
                } catch (IllegalArgumentException e) {
                    throw ServiceException.badRequest(e.getMessage());
                }
            }
            case "recovery" -> {
                try {
                    added = new Added(TfaUserData.RECOVERY_ID, d.addRecovery(random, clock.instant()));
                } catch (IllegalStateException e) {
                    throw ServiceException.badRequest(e.getMessage());
                }
            }
            case "webauthn", "u2f", "yubico" -> throw ServiceException.badRequest("tfa type '" + type + "' is not supported by this server");
            default -> throw ServiceException.badRequest("parameter verification errors\n\ntype: value '" + type
                    + "' is not one of totp, u2f, webauthn, recovery, yubico");
        }
        store(row, d);
        return added;
    }

    public void update(AuthService.Caller caller, String userid, String id, String description, Boolean enable,
            String password) {
        requireAccess(caller, userid);
        confirm(caller, userid, password, true);
        TfaUser row = row(userid, false);
        TfaUserData d = TfaUserData.parse(row == null ? null : row.getData());
        if (row == null || !d.update(id, description, enable)) {
            throw ServiceException.notFound("no such entry: " + userid + "/" + id);
        }
        store(row, d);
    }

    public void delete(AuthService.Caller caller, String userid, String id, String password) {
        requireAccess(caller, userid);
        confirm(caller, userid, password, false);
        TfaUser row = row(userid, false);
        TfaUserData d = TfaUserData.parse(row == null ? null : row.getData());
        if (row == null || !d.delete(id)) {
            throw ServiceException.notFound("no such tfa entry: " + userid + "/" + id);
        }
        store(row, d);
    }

    /** {@code PUT /access/users/{userid}/unlock-tfa}: true if the user was locked. */
    public boolean unlock(AuthService.Caller caller, String userid) {
        UserService.requireUserid(userid);
        permissions.require(caller, "/access/users", Privilege.PERMISSIONS_MODIFY);
        TfaUser row = row(userid, false);
        if (row == null) {
            return false;
        }
        TfaUserData d = TfaUserData.parse(row.getData());
        boolean was = d.unlock(clock.instant());
        store(row, d);
        return was;
    }

    public LockState lockState(String userid) {
        TfaUser row = em.find(TfaUser.class, userid);
        TfaUserData d = TfaUserData.parse(row == null ? null : row.getData());
        return new LockState(d.totpLocked(), lockedUntil(d));
    }

    /** The login challenge for {@code userid}, or empty if it has no enabled second factor. */
    public Optional<TfaChallenge> challenge(String userid) {
        TfaUser row = em.find(TfaUser.class, userid);
        return row == null ? Optional.empty() : TfaUserData.parse(row.getData()).challenge();
    }

    /**
     * Checks a second-factor answer in a transaction of its own, so that failure counts and
     * locks are stored even though the login then fails.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public TfaUserData.Outcome verify(String userid, TfaChallenge challenge, String response) {
        TfaUser row = em.find(TfaUser.class, userid, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return TfaUserData.Outcome.FAILED;
        }
        TfaUserData d = TfaUserData.parse(row.getData());
        TfaUserData.Outcome outcome = d.verify(challenge, response, clock.instant());
        row.setData(d.toJson());
        return outcome;
    }

    /** Removes all second factors of a deleted user. */
    public void removeUser(String userid) {
        TfaUser row = em.find(TfaUser.class, userid);
        if (row != null) {
            em.remove(row);
        }
    }

    private TfaUserData data(String userid) {
        TfaUser row = em.find(TfaUser.class, userid);
        return TfaUserData.parse(row == null ? null : row.getData());
    }

    private Long lockedUntil(TfaUserData d) {
        return d.tfaLockedUntil() > clock.instant().getEpochSecond() ? d.tfaLockedUntil() : null;
    }

    private void requireAccess(AuthService.Caller caller, String userid) {
        UserService.requireUserid(userid);
        if (!caller.authId().equals(userid)
                && !permissions.privileges(caller, "/access/users").hasAll(Privilege.PERMISSIONS_MODIFY.bit())) {
            throw ServiceException.forbidden();
        }
    }

    /** PBS's tfa_update_auth: the caller's own password unless root@pam; the target must exist. */
    private void confirm(AuthService.Caller caller, String userid, String password, boolean mustExist) {
        if (!AuthService.SUPERUSER.equals(caller.userid())) {
            if (password == null) {
                throw ServiceException.unauthorized("missing password");
            }
            if (!authenticator.authenticate(caller.userid(), password)) {
                throw ServiceException.unauthorized("authentication failed - invalid password");
            }
        }
        if (mustExist && !caller.userid().equals(userid) && em.find(UserAccount.class, userid) == null) {
            throw ServiceException.unauthorized("user '" + userid + "' does not exists.");
        }
    }

    private TfaUser row(String userid, boolean create) {
        TfaUser row = em.find(TfaUser.class, userid, LockModeType.PESSIMISTIC_WRITE);
        if (row == null && create) {
            row = new TfaUser(userid, new TfaUserData().toJson());
            em.persist(row);
        }
        return row;
    }

    private void store(TfaUser row, TfaUserData d) {
        if (d.isEmpty() && !d.totpLocked()) {
            em.remove(row);
        } else {
            row.setData(d.toJson());
        }
    }
}
