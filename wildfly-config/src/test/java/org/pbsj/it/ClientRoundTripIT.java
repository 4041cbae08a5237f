package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code bin/pbs-client} against the real server: directory and image backups over
 * the backup protocol, restores over the reader protocol, identical content.
 */
class ClientRoundTripIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    record Run(int exit, String out, String err) {
    }

    static Run client(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("bin/pbs-client").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("client", ".out");
        Path err = Files.createTempFile("client", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("client timed out: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Map<String, String> env(Path home) throws Exception {
        return env(home, "store1");
    }

    /** The client's environment for {@code store} with the manager's token. */
    static Map<String, String> env(Path home, String store) throws Exception {
        String token = Files.readString(ItServer.HOME.resolve("data/pbsj-etc/manager.token")).trim();
        int colon = token.indexOf(':');
        ItServer.send(ItServer.get("ping"));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("PBS_REPOSITORY", token.substring(0, colon) + "@localhost:" + ItServer.PORT + ":" + store);
        env.put("PBS_PASSWORD", token.substring(colon + 1));
        env.put("PBS_FINGERPRINT", ItServer.fingerprint(ItServer.SEEN.get()));
        return env;
    }

    private static void tree(Path dir) throws IOException {
        Random r = new Random(42);
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.writeString(dir.resolve("hello.txt"), "hello world\n");
        Files.writeString(dir.resolve("sub/ünïcode name.txt"), "äöü");
        byte[] big = new byte[9 << 20];
        r.nextBytes(big);
        Files.write(dir.resolve("sub/deeper/random.bin"), big);
        Files.write(dir.resolve("empty"), new byte[0]);
        Files.createSymbolicLink(dir.resolve("link"), Path.of("hello.txt"));
        Files.setLastModifiedTime(dir.resolve("hello.txt"), FileTime.fromMillis(1_600_000_000_123L));
    }

    /** Every kind of entry pxar stores, with the metadata it keeps. */
    private static void everyKind(Path dir) throws Exception {
        Path k = Files.createDirectories(dir.resolve("kinds"));
        Files.writeString(k.resolve("target"), "linked content");
        Files.createLink(k.resolve("hardlink"), k.resolve("target"));
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(k.resolve("sparse").toFile(), "rw")) {
            f.setLength(64L << 20);
            f.seek(32L << 20);
            f.write("in the middle".getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(k.resolve("x".repeat(255)), "long name");
        Files.writeString(k.resolve("new\nline"), "newline in name");
        Files.setPosixFilePermissions(k.resolve("target"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        exec("mkfifo", k.resolve("fifo").toString());
        try (java.nio.channels.ServerSocketChannel sock = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            sock.bind(java.net.UnixDomainSocketAddress.of(k.resolve("socket")));
        }
        if ("root".equals(System.getProperty("user.name"))) {
            exec("mknod", k.resolve("chardev").toString(), "c", "1", "3");
            exec("chown", "1234:5678", k.resolve("target").toString());
        }
        try {
            java.nio.file.attribute.UserDefinedFileAttributeView x = Files.getFileAttributeView(k.resolve("target"),
                    java.nio.file.attribute.UserDefinedFileAttributeView.class);
            x.write("pbsj.test", java.nio.ByteBuffer.wrap("xattr value".getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // file system without user xattrs: the rest of the round trip still counts
        }
    }

    private static void exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }

    /** Type, permissions, owner, mtime, size, link target, xattrs and hardlink group per path. */
    private static Map<String, String> metadata(Path dir) throws IOException {
        Map<String, String> m = new java.util.TreeMap<>();
        Map<Object, String> inodes = new HashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String rel = dir.relativize(p).toString();
                Map<String, Object> a = Files.readAttributes(p, "unix:*", java.nio.file.LinkOption.NOFOLLOW_LINKS);
                StringBuilder sb = new StringBuilder(Integer.toOctalString((Integer) a.get("mode")))
                        .append(' ').append(a.get("uid")).append('/').append(a.get("gid"));
                if (!rel.isEmpty() && !Files.isSymbolicLink(p)) {
                    sb.append(' ').append(a.get("lastModifiedTime"));
                }
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    sb.append(" size=").append(a.get("size"));
                    if ((Integer) a.get("nlink") > 1) {
                        String first = inodes.putIfAbsent(a.get("ino"), rel);
                        sb.append(" group=").append(first == null ? rel : first);
                    }
                    try {
                        java.nio.file.attribute.UserDefinedFileAttributeView x = Files.getFileAttributeView(p,
                                java.nio.file.attribute.UserDefinedFileAttributeView.class);
                        sb.append(" xattrs=").append(new java.util.TreeSet<>(x.list()));
                    } catch (IOException | UnsupportedOperationException e) {
                        sb.append(" xattrs=?");
                    }
                }
                if (a.get("rdev") instanceof Long rdev && rdev != 0) {
                    sb.append(" rdev=").append(rdev);
                }
                m.put(rel, sb.toString());
            }
        }
        return m;
    }

    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> m = new HashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    m.put(rel, ("->" + Files.readSymbolicLink(p)).getBytes(StandardCharsets.UTF_8));
                } else if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    m.put(rel, Files.readAllBytes(p));
                } else {
                    m.put(rel, new byte[] {'d'});
                }
            }
        }
        return m;
    }

    @Test
    void directoryAndImageRoundTripThroughTheServer(@TempDir Path tmp) throws Exception {
        Map<String, String> env = env(tmp.resolve("home"));
        Path src = tmp.resolve("src");
        tree(src);
        everyKind(src);
        Path image = tmp.resolve("disk.raw");
        byte[] img = new byte[(9 << 20) + 12345];
        new Random(7).nextBytes(img);
        java.util.Arrays.fill(img, 0, 4 << 20, (byte) 0);
        Files.write(image, img);

        Run backup = client(env, "backup", "root.pxar:" + src, "disk.img:" + image, "--backup-id", "it-client",
                "--backup-time", "1700000000");
        assertEquals(0, backup.exit(), backup.err());
        assertTrue(Files.isRegularFile(ItServer.HOME.resolve("datastores/store1/host/it-client/2023-11-14T22:13:20Z/index.json.blob")));

        Path restored = tmp.resolve("restored");
        Run restore = client(env, "restore", "host/it-client/2023-11-14T22:13:20Z", "root.pxar", restored.toString());
        assertEquals(0, restore.exit(), restore.err());
        Map<String, byte[]> expected = contents(src);
        Map<String, byte[]> actual = contents(restored);
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) {
            assertArrayEquals(expected.get(k), actual.get(k), k);
        }
        assertEquals(Files.getLastModifiedTime(src.resolve("hello.txt")), Files.getLastModifiedTime(restored.resolve("hello.txt")));
        assertEquals(metadata(src), metadata(restored), "types, permissions, owners, mtimes, sizes, xattrs, hardlinks");
        long allocated = (Long) Files.getAttribute(restored.resolve("kinds/sparse"), "unix:size");
        assertEquals(64L << 20, allocated);
        assertTrue(blocks(restored.resolve("kinds/sparse")) < 1024, "the restored sparse file stays sparse");

        Path imgOut = tmp.resolve("disk.out");
        Run restoreImg = client(env, "restore", "host/it-client", "disk.img", imgOut.toString());
        assertEquals(0, restoreImg.exit(), restoreImg.err());
        assertArrayEquals(img, Files.readAllBytes(imgOut));

        // an unchanged second backup reuses every chunk of the first one
        Run again = client(env, "backup", "root.pxar:" + src, "disk.img:" + image, "--backup-id", "it-client",
                "--backup-time", "1700000100");
        assertEquals(0, again.exit(), again.err());
        String manifest = new String(ItServer.send(ItServer.get("admin/datastore/store1/files?backup-type=host&backup-id=it-client&backup-time=1700000100")
                .header("Authorization", ItServer.managerTokenHeader())).body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("root.pxar.didx"), manifest);
    }

    /** Allocated 1 KiB blocks, as {@code du} counts them. */
    private static long blocks(Path p) throws Exception {
        Process proc = new ProcessBuilder("du", "-k", p.toString()).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        proc.waitFor();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    @Test
    void wrongFingerprintIsRefusedBeforeAnyData(@TempDir Path tmp) throws Exception {
        Map<String, String> env = env(tmp.resolve("home"));
        env.put("PBS_FINGERPRINT", "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff");
        Path src = tmp.resolve("src");
        tree(src);
        Run backup = client(env, "backup", "root.pxar:" + src, "--backup-id", "it-refused");
        assertEquals(1, backup.exit(), backup.err());
        assertTrue(backup.err().contains("fingerprint"), backup.err());
        assertTrue(!Files.exists(ItServer.HOME.resolve("datastores/store1/host/it-refused")));
    }
}
