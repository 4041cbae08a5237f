package org.pbsj.server.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import org.pbsj.server.auth.KeyFiles;
import org.pbsj.server.auth.Role;
import org.pbsj.server.infrastructure.ServerEnvironment;

/**
 * First-start set-up with the embedded defaults: user {@code admin@pbs} with a generated password
 * (handed to the operator once through a 0600 file that the launcher prints and deletes) and
 * datastore {@code store1}. On every start, a fresh superuser token for the local
 * {@code pbs-manager}, which, like PBS's, needs access to the server's files rather than a login.
 */
@Singleton
@Startup
public class BootstrapService {
    public static final String ADMIN = "admin@pbs";
    public static final String MANAGER_TOKEN = AuthService.SUPERUSER + "!pbs-manager";
    private static final Logger LOG = Logger.getLogger(BootstrapService.class.getName());
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    ServerEnvironment env;
    @Inject
    UserService users;
    @Inject
    DatastoreService datastores;
    @Inject
    PermissionService permissions;
    @Inject
    AuthService auth;

    @PostConstruct
    void bootstrap() {
        try {
            if (users.count() == 0) {
                String password = randomPassword(new SecureRandom(), 16);
                users.createUnchecked(new UserService.NewUser(ADMIN, password, "Administrator", true, 0L, null, null, null));
                permissions.grant("/", ADMIN, Role.ADMIN, true);
                KeyFiles.writeSecret(env.configDir().resolve("initial-admin-password"), ADMIN + " " + password + "\n");
                LOG.warning("created user " + ADMIN + "; its password is in "
                        + env.configDir().resolve("initial-admin-password") + " until the launcher shows it");
            }
            if (datastores.count() == 0 && !Boolean.getBoolean("pbsj.no-default-datastore")) {
                datastores.createUnchecked("store1", null, "default datastore");
                LOG.info("created datastore store1 under " + env.datastoreBase());
            }
            String secret = auth.createToken(MANAGER_TOKEN, "local pbs-manager");
            if (!permissions.privileges(new AuthService.Caller(MANAGER_TOKEN), "/").hasAll(-1L)) {
                // Tokens never inherit their user's ACLs, not even root@pam's.
                permissions.grant("/", MANAGER_TOKEN, Role.ADMIN, true);
            }
            KeyFiles.writeSecret(env.configDir().resolve("manager.token"), MANAGER_TOKEN + ":" + secret + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("server bootstrap failed", e);
        }
    }

    static String randomPassword(SecureRandom random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return sb.toString();
    }
}
