package org.pbsj.core.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnixCryptTest {
    private final UnixCrypt crypt = new UnixCrypt();

    @Test
    void yescryptHashVerifiesAndRejectsWrongSecret() {
        String h = crypt.hash("s3cret-pass");
        assertTrue(h.startsWith("$y$"), h);
        assertTrue(crypt.verify("s3cret-pass", h));
        assertFalse(crypt.verify("s3cret-pasS", h));
        assertFalse(UnixCrypt.needsRehash(h));
    }

    @Test
    void saltDiffersPerHash() {
        assertNotEquals(crypt.hash("x"), crypt.hash("x"));
    }

    @Test
    void legacySha256CryptStillVerifies() {
        // sha256crypt of "password" with salt "saltsalt" (glibc/python crypt)
        String stored = "$5$saltsalt$gOjOtoMpVhru2uyjeJSEc/JaLQWOXMNmlOnj6T4AtC.";
        assertTrue(crypt.verify("password", stored));
        assertFalse(crypt.verify("Password", stored));
        assertTrue(UnixCrypt.needsRehash(stored));
    }

    @Test
    void garbageHashesNeverVerify() {
        assertFalse(crypt.verify("x", ""));
        assertFalse(crypt.verify("x", null));
        assertFalse(crypt.verify("x", "plaintext"));
        assertFalse(crypt.verify("x", "$y$broken"));
        assertThrows(IllegalArgumentException.class, () -> crypt.hash("a\0b"));
    }
}
