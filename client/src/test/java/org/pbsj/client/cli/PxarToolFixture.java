package org.pbsj.client.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.pbsj.core.json.Json;

/** Runs {@code pxar} in-process in a work directory and describes directory trees for comparison. */
final class PxarToolFixture {
    final Path dir;
    byte[] stdin = new byte[0];

    /** Result of one run. */
    record Run(int rc, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }

        List<Object> json() {
            return (List<Object>) Json.parse(out, "stdout");
        }
    }

    PxarToolFixture(Path dir) {
        this.dir = dir;
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PxarMain main = new PxarMain(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        main.workDir = dir;
        main.stdin = new ByteArrayInputStream(stdin);
        int rc = main.run(args);
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Hex bytes of the first code block after {@code heading} in the pxar spec (§12 golden vectors). */
    static byte[] specHex(String heading, int block) throws IOException {
        List<String> lines = specLines();
        int i = 0;
        while (!lines.get(i).startsWith(heading)) {
            i++;
        }
        for (int b = 0; b <= block; b++) {
            while (!lines.get(i).startsWith("```")) {
                i++;
            }
            if (b < block) {
                i++;
                while (!lines.get(i).startsWith("```")) {
                    i++;
                }
                i++;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (i++; !lines.get(i).startsWith("```"); i++) {
            String l = lines.get(i);
            String hex = l.substring(l.indexOf(": ") + 2);
            int comment = hex.indexOf("  ");
            for (String h : (comment < 0 ? hex : hex.substring(0, comment)).trim().split(" ")) {
                out.write(Integer.parseInt(h, 16));
            }
        }
        return out.toByteArray();
    }

    /**
     * §12 of the pxar spec, copied into the test resources (the golden vectors) so that the
     * tests do not depend on where the specification is checked out.
     */
    private static List<String> specLines() throws IOException {
        try (java.io.InputStream in = PxarToolFixture.class.getResourceAsStream("/spec/pxar-golden-vectors.md")) {
            if (in == null) {
                throw new IllegalStateException("test resource /spec/pxar-golden-vectors.md is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /**
     * One line per entry below {@code root} (sorted by path): type, permissions, owner, mtime,
     * content digest or link target, user xattrs, inode group for hardlinks.
     */
    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Map<Object, String> inodes = new TreeMap<>();
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.sorted().toList();
        }
        for (Path p : all) {
            String rel = "/" + root.relativize(p);
            Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
            StringBuilder sb = new StringBuilder();
            int mode = (Integer) a.get("mode");
            sb.append(Integer.toOctalString(mode)).append(' ').append(a.get("uid")).append('/').append(a.get("gid"));
            if (!rel.equals("/")) { // the root's mtime is the target directory's
                sb.append(' ').append(a.get("lastModifiedTime"));
            }
            if (Files.isSymbolicLink(p)) {
                sb.append(" -> ").append(Files.readSymbolicLink(p));
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                sb.append(" sha=").append(sha(Files.readAllBytes(p)));
                if ((Integer) a.get("nlink") > 1) {
                    String first = inodes.putIfAbsent(a.get("ino"), rel);
                    sb.append(" link-group=").append(first == null ? rel : first);
                }
            } else if ((mode & 0170000) == 0020000 || (mode & 0170000) == 0060000) {
                sb.append(" rdev=").append(a.get("rdev"));
            }
            if ((mode & 0170000) == 0100000 || (mode & 0170000) == 0040000) {
                sb.append(xattrs(p));
            }
            out.put(rel, sb.toString());
        }
        return out;
    }

    private static String xattrs(Path p) throws IOException {
        UserDefinedFileAttributeView v = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class);
        List<String> out = new ArrayList<>();
        try {
            for (String name : v.list()) {
                ByteBuffer b = ByteBuffer.allocate(v.size(name));
                v.read(name, b);
                out.add(name + "=" + HexFormat.of().formatHex(b.array()));
            }
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
        return out.isEmpty() ? "" : " xattrs=" + out;
    }

    static boolean userXattrsSupported(Path dir) {
        try {
            Path probe = Files.createTempFile(dir, "x", "");
            Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class).write("probe",
                    ByteBuffer.wrap(new byte[] {1}));
            Files.delete(probe);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static void setXattr(Path p, String name, String value) throws IOException {
        Files.getFileAttributeView(p, UserDefinedFileAttributeView.class).write(name,
                ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
    }

    static void chmod(Path p, String perms) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    private static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
