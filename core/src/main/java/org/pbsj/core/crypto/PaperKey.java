package org.pbsj.core.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.json.Json;

/**
 * Printable key backup ({@code crypto.md} §7, {@code proxmox-backup-client key paperkey}): a key
 * file as pretty JSON between BEGIN/END lines, or a PEM master private key in numbered blocks,
 * each with a QR code. QR codes come from the external {@code qrencode} tool as in PBS; without
 * it the code is left out with a visible note (a made-up QR code would be worse than none).
 */
public final class PaperKey {
    public enum Format { TEXT, HTML }

    /** Renders {@code data} as a QR code of the {@code qrencode -t} type, if it can. */
    @FunctionalInterface
    public interface QrEncoder {
        Optional<byte[]> encode(String type, String data);

        /** Runs {@code qrencode -t <type> -m0 -s1 -lm --output -}; empty when it is not installed. */
        static QrEncoder qrencode() {
            return PaperKey::runQrencode;
        }
    }

    static final String NO_QR_NOTE = "[QR code omitted: the 'qrencode' tool is not installed]";
    private static final int TEXT_BLOCK = 5;
    private static final int HTML_BLOCK = 20;
    private static final int IMG_SIZE_PT = 500;

    private final QrEncoder qr;

    public PaperKey(QrEncoder qr) {
        this.qr = qr;
    }

    /**
     * @param keyData a key file (JSON) or a PEM private key ({@code ENCRYPTED PRIVATE KEY} or
     *                {@code RSA PRIVATE KEY}, at least 20 non-empty lines)
     * @param subject optional "Subject:" line
     */
    public String generate(String keyData, String subject, Format format) {
        boolean isPrivateKey = keyData.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
                || keyData.startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
        List<String> lines = isPrivateKey ? pemLines(keyData) : jsonLines(keyData);
        return format == Format.TEXT ? text(lines, subject, isPrivateKey) : html(lines, subject, isPrivateKey);
    }

    private static List<String> pemLines(String pem) {
        String data = pem.stripTrailing();
        if (!data.endsWith("\n-----END ENCRYPTED PRIVATE KEY-----") && !data.endsWith("\n-----END RSA PRIVATE KEY-----")) {
            throw new CorruptDataException("paper key", -1, "unexpected key format");
        }
        List<String> lines = new ArrayList<>();
        for (String line : data.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.stripTrailing());
            }
        }
        if (lines.size() < 20) {
            throw new CorruptDataException("paper key", -1, "unexpected key format");
        }
        return lines;
    }

    private static List<String> jsonLines(String json) {
        KeyConfig config = KeyConfigCodec.parse(json, "paper key");
        // PBS pretty-prints the struct, so fields keep their key file order (not sorted).
        return List.of(Json.prettyInOrder(KeyConfigCodec.toJsonValue(config)).split("\n"));
    }

    private String text(List<String> lines, String subject, boolean isPrivateKey) {
        StringBuilder out = new StringBuilder();
        if (subject != null) {
            out.append("Subject: ").append(subject).append("\n\n");
        }
        if (isPrivateKey) {
            for (int start = 0; start < lines.size(); start += TEXT_BLOCK) {
                List<String> block = lines.subList(start, Math.min(lines.size(), start + TEXT_BLOCK));
                for (int i = 0; i < block.size(); i++) {
                    out.append(String.format("%2d: %s%n", start + i, block.get(i)));
                }
                out.append(textQr(block)).append('\n');
                out.append('\f').append('\n');
            }
            return out.toString();
        }
        out.append("-----BEGIN PROXMOX BACKUP KEY-----\n");
        lines.forEach(l -> out.append(l).append('\n'));
        out.append("-----END PROXMOX BACKUP KEY-----\n");
        out.append(textQr(lines)).append('\n');
        return out.toString();
    }

    private String textQr(List<String> lines) {
        return qr.encode("utf8i", String.join("\n", lines))
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .orElse(NO_QR_NOTE);
    }

    private String html(List<String> lines, String subject, boolean isPrivateKey) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width\">\n")
                .append("<title>Proxmox Backup Paperkey</title>\n<style type=\"text/css\">\n")
                .append("  p {\n    font-size: 12pt;\n    font-family: monospace;\n    white-space: pre-wrap;\n")
                .append("    line-break: anywhere;\n  }\n</style>\n</head>\n<body>\n");
        if (subject != null) {
            out.append("<p>Subject: ").append(escape(subject)).append("</p>\n");
        }
        if (isPrivateKey) {
            for (int start = 0; start < lines.size(); start += HTML_BLOCK) {
                List<String> block = lines.subList(start, Math.min(lines.size(), start + HTML_BLOCK));
                out.append("<div style=\"page-break-inside: avoid;page-break-after: always\">\n<p>\n");
                for (int i = 0; i < block.size(); i++) {
                    out.append(String.format("%02d: %s%n", start + i, escape(block.get(i))));
                }
                out.append("</p>\n").append(htmlQr(block)).append("</div>\n");
            }
        } else {
            out.append("<div style=\"page-break-inside: avoid\">\n<p>\n-----BEGIN PROXMOX BACKUP KEY-----\n");
            lines.forEach(l -> out.append(escape(l)).append('\n'));
            out.append("-----END PROXMOX BACKUP KEY-----\n</p>\n").append(htmlQr(lines)).append("</div>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }

    private String htmlQr(List<String> lines) {
        Optional<byte[]> svg = qr.encode("svg", String.join("\n", lines));
        if (svg.isEmpty()) {
            return "<p>" + escape(NO_QR_NOTE) + "</p>\n";
        }
        String b64 = Base64.getEncoder().withoutPadding().encodeToString(svg.get());
        return "<center>\n<img\nwidth=\"" + IMG_SIZE_PT + "pt\" height=\"" + IMG_SIZE_PT + "pt\"\n"
                + "src=\"data:image/svg+xml;base64," + b64 + "\"/>\n</center>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Optional<byte[]> runQrencode(String type, String data) {
        Process p;
        try {
            p = new ProcessBuilder("qrencode", "-t", type, "-m0", "-s1", "-lm", "--output", "-")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return Optional.empty(); // not installed
        }
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write(data.getBytes(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream stdout = p.getInputStream()) {
                stdout.transferTo(out);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                throw new IllegalStateException("qrencode failed");
            }
            return Optional.of(out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("qrencode failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            throw new IllegalStateException("interrupted while running qrencode", e);
        }
    }
}
