package org.pbsj.server.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Mappings of the access-control entities beyond users, tokens and ACLs: TFA data and LDAP realms. */
class AccessMappingTest {
    static Stream<String> databases() {
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
    void tfaDataAndLdapRealmsRoundTrip(String db) {
        String big = "{\"totp\":[" + "{\"entry\":\"" + "x".repeat(300) + "\"},".repeat(20) + "{}]}";
        try (EntityManagerFactory emf = TestDatabases.open(db)) {
            inTx(emf, em -> {
                em.persist(new TfaUser("jöhn@pbs", big));
                LdapRealm r = new LdapRealm("corp");
                r.setServer1("ldap.example.com");
                r.setPort(636);
                r.setBaseDn("ou=People,dc=example,dc=com");
                r.setUserAttr("uid");
                r.setMode("ldaps");
                r.setBindDn("cn=svc,dc=example,dc=com");
                r.setBindPassword("s3cret");
                r.setFilter("(memberOf=cn=pbs,dc=example,dc=com)");
                em.persist(r);
            });
            inTx(emf, em -> {
                assertEquals(big, em.find(TfaUser.class, "jöhn@pbs").getData());
                LdapRealm r = em.find(LdapRealm.class, "corp");
                assertEquals(636, r.getPort());
                assertEquals("ldaps", r.getMode());
                assertEquals("s3cret", r.getBindPassword());
                assertNull(r.getServer2());
                assertTrue(!r.isVerify());
                em.find(TfaUser.class, "jöhn@pbs").setData("{}");
            });
            inTx(emf, em -> assertEquals("{}", em.find(TfaUser.class, "jöhn@pbs").getData()));
        }
    }
}
