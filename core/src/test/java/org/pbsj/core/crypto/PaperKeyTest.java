package org.pbsj.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pbsj.core.error.CorruptDataException;

class PaperKeyTest {
    static final PaperKey.QrEncoder NO_QR = (type, data) -> Optional.empty();
    static String privatePem;

    /** Records what would be encoded; a stand-in, never shown as a real QR code. */
    static final class RecordingQr implements PaperKey.QrEncoder {
        final List<String> inputs = new ArrayList<>();

        @Override
        public Optional<byte[]> encode(String type, String data) {
            inputs.add(data);
            return Optional.of(("<QR " + type + " #" + inputs.size() + ">").getBytes(StandardCharsets.UTF_8));
        }
    }

    @BeforeAll
    static void key() {
        privatePem = MasterKey.encryptedPrivateKeyPem(MasterKey.generate(2048).getPrivate(), "secret".toCharArray());
    }

    @Test
    void keyFileAsText() {
        RecordingQr qr = new RecordingQr();
        String out = new PaperKey(qr).generate(KeyConfigCodecTest.SCRYPT_FILE, "my key", PaperKey.Format.TEXT);
        String expectedJson = "{\n  \"kdf\": {\n    \"Scrypt\": {\n      \"n\": 65536,\n      \"r\": 8,\n      \"p\": 1,\n"
                + "      \"salt\": \"ERERERERERERERERERERERERERERERERERERERERERE=\"\n    }\n  },\n"
                + "  \"created\": \"2024-01-01T00:00:00+00:00\",\n  \"modified\": \"2024-01-01T00:00:00+00:00\",\n"
                + "  \"data\": \"IiIiIiIiIiIiIiIiIiIiItE7u/FM5GQUlDhGdtAfeqB+KSJ+khxpBkOf2A5rqGAFdrK+YjZmRGUdJYTqEI2iLw==\",\n"
                + "  \"fingerprint\": \"0e:ab:d4:46:0b:6e:b9:ca:34:50:23:de:e2:b7:78:c7:90:e5:4a:16:83:b9:65:9c:0a:57:ae:19:90:90:15:9b\"\n}";
        assertEquals("Subject: my key\n\n-----BEGIN PROXMOX BACKUP KEY-----\n" + expectedJson
                + "\n-----END PROXMOX BACKUP KEY-----\n<QR utf8i #1>\n", out);
        assertEquals(List.of(expectedJson), qr.inputs);
        // What was printed parses back to the same key file.
        assertEquals(KeyConfigCodec.parse(KeyConfigCodecTest.SCRYPT_FILE, "a"), KeyConfigCodec.parse(expectedJson, "b"));
    }

    @Test
    void keyFileAsHtmlWithoutQrencode() {
        String out = new PaperKey(NO_QR).generate(KeyConfigCodecTest.SCRYPT_FILE, "<b>", PaperKey.Format.HTML);
        assertTrue(out.startsWith("<!DOCTYPE html>\n"));
        assertTrue(out.contains("<p>Subject: &lt;b&gt;</p>"));
        assertTrue(out.contains("-----BEGIN PROXMOX BACKUP KEY-----\n{\n  &quot;kdf&quot;: {"));
        assertTrue(out.contains(PaperKey.NO_QR_NOTE));
        assertFalse(out.contains("<img"));
        assertTrue(out.endsWith("</body>\n</html>\n"));
    }

    @Test
    void privateKeyInNumberedBlocks() {
        long lines = privatePem.lines().filter(l -> !l.isBlank()).count();
        assertTrue(lines >= 20);
        RecordingQr qr = new RecordingQr();
        String text = new PaperKey(qr).generate(privatePem, null, PaperKey.Format.TEXT);
        assertTrue(text.startsWith(" 0: -----BEGIN ENCRYPTED PRIVATE KEY-----\n 1: "), text);
        assertEquals((lines + 4) / 5, qr.inputs.size());
        assertEquals((lines + 4) / 5, text.chars().filter(c -> c == '\f').count());
        assertTrue(text.contains("\n 5: "));
        assertEquals(String.join("\n", privatePem.lines().limit(5).toList()), qr.inputs.get(0));

        RecordingQr htmlQr = new RecordingQr();
        String html = new PaperKey(htmlQr).generate(privatePem, null, PaperKey.Format.HTML);
        assertEquals((lines + 19) / 20, htmlQr.inputs.size());
        assertTrue(html.contains("<p>\n00: -----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        assertTrue(html.contains("src=\"data:image/svg+xml;base64,"
                + Base64.getEncoder().withoutPadding().encodeToString("<QR svg #1>".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void rejectsOtherInput() {
        PaperKey p = new PaperKey(NO_QR);
        assertThrows(CorruptDataException.class, () -> p.generate("{\"kdf\":null}", null, PaperKey.Format.TEXT));
        assertThrows(CorruptDataException.class, () -> p.generate(
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n", null, PaperKey.Format.TEXT));
        assertThrows(CorruptDataException.class, () -> p.generate(
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n", null, PaperKey.Format.TEXT));
    }

    @Test
    void realQrencodeWhenInstalled() {
        boolean installed = System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "qrencode")));
        Optional<byte[]> svg = PaperKey.QrEncoder.qrencode().encode("svg", "hello");
        assertEquals(installed, svg.isPresent());
        Assumptions.assumeTrue(installed, "qrencode not installed");
        assertTrue(new String(svg.get(), StandardCharsets.UTF_8).contains("<svg"));
    }
}
