package org.pbsj.core.pxar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/** A seeded random directory tree with every entry kind and metadata item, written to an encoder. */
final class RandomTree {
    record Expected(String path, EntryKind kind, Metadata metadata, byte[] data, long major, long minor) {
    }

    private final Random rnd;
    private final List<Expected> out = new ArrayList<>();
    private final List<long[]> files = new ArrayList<>(); // fileOffset, index into out
    private final Metadata root;
    private int budget = 60;

    RandomTree(long seed) {
        this.rnd = new Random(seed);
        this.root = metadata(PxarFormat.IFDIR | 0755);
    }

    Metadata rootMetadata() {
        return root;
    }

    /** Writes the tree and finishes the encoder; returns the entries in archive order. */
    List<Expected> write(PxarEncoder enc) throws IOException {
        out.add(new Expected("/", EntryKind.DIRECTORY, root, null, 0, 0));
        children(enc, "", 0);
        enc.finish();
        return out;
    }

    private void children(PxarEncoder enc, String dir, int depth) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        int n = rnd.nextInt(depth == 0 ? 12 : 6);
        for (int i = 0; i < n; i++) {
            names.add(name());
        }
        for (String name : names) {
            if (budget-- <= 0) {
                return;
            }
            String path = dir + "/" + name;
            byte[] nb = name.getBytes(StandardCharsets.UTF_8);
            int kind = rnd.nextInt(depth < 3 ? 8 : 7);
            switch (kind) {
                case 0, 1 -> {
                    byte[] data = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(200_000) : rnd.nextInt(100)];
                    rnd.nextBytes(data);
                    Metadata m = metadata(PxarFormat.IFREG | 0644);
                    out.add(new Expected(path, EntryKind.FILE, m, data, 0, 0));
                    files.add(new long[] {enc.addFile(nb, m, data), out.size() - 1});
                }
                case 2 -> {
                    byte[] target = name().getBytes(StandardCharsets.UTF_8);
                    Metadata m = metadata(PxarFormat.IFLNK | 0777);
                    enc.addSymlink(nb, m, target);
                    out.add(new Expected(path, EntryKind.SYMLINK, m, target, 0, 0));
                }
                case 3 -> {
                    Metadata m = metadata((rnd.nextBoolean() ? PxarFormat.IFCHR : PxarFormat.IFBLK) | 0600);
                    long major = rnd.nextInt(4096);
                    long minor = rnd.nextInt(1 << 20);
                    enc.addDevice(nb, m, major, minor);
                    out.add(new Expected(path, EntryKind.DEVICE, m, null, major, minor));
                }
                case 4 -> {
                    Metadata m = metadata((rnd.nextBoolean() ? PxarFormat.IFIFO : PxarFormat.IFSOCK) | 0644);
                    if (m.kind() == EntryKind.FIFO) {
                        enc.addFifo(nb, m);
                    } else {
                        enc.addSocket(nb, m);
                    }
                    out.add(new Expected(path, m.kind(), m, null, 0, 0));
                }
                case 5, 6 -> {
                    if (files.isEmpty()) {
                        continue;
                    }
                    long[] target = files.get(rnd.nextInt(files.size()));
                    byte[] tp = out.get((int) target[1]).path().substring(1).getBytes(StandardCharsets.UTF_8);
                    enc.addHardlink(nb, tp, target[0]);
                    out.add(new Expected(path, EntryKind.HARDLINK, Metadata.NONE, tp, 0, 0));
                }
                default -> {
                    Metadata m = metadata(PxarFormat.IFDIR | 0750);
                    enc.beginDirectory(nb, m);
                    out.add(new Expected(path, EntryKind.DIRECTORY, m, null, 0, 0));
                    children(enc, path, depth + 1);
                    enc.endDirectory();
                }
            }
        }
    }

    private String name() {
        String[] alphabet = {"a", "b", "Z", ".", "-", "ä", "€", "\n", " ", "x"};
        StringBuilder sb = new StringBuilder();
        int len = 1 + rnd.nextInt(rnd.nextInt(20) == 0 ? 80 : 8);
        for (int i = 0; i < len; i++) {
            sb.append(alphabet[rnd.nextInt(alphabet.length)]);
        }
        String s = sb.toString();
        return s.equals(".") || s.equals("..") ? s + "x" : s;
    }

    private Metadata metadata(long mode) {
        Metadata m = new Metadata(mode, rnd.nextInt(3) == 0 ? PxarFormat.WITH_FLAG_NODUMP : 0, rnd.nextInt(70000),
                rnd.nextInt(70000), rnd.nextLong() >> 30, rnd.nextInt(1_000_000_000), List.of(), Acl.EMPTY, null, null);
        if (rnd.nextInt(4) == 0) {
            m = m.withXattrs(List.of(Xattr.of("user.k" + rnd.nextInt(9), new byte[rnd.nextInt(300)]),
                    Xattr.of("trusted.t", new byte[] {1, 2})));
        }
        if (rnd.nextInt(5) == 0) {
            m = m.withAcl(new Acl(List.of(new Acl.Entry(1, 7), new Acl.Entry(2, 4)), List.of(new Acl.Entry(3, 5)),
                    rnd.nextBoolean() ? 6L : null,
                    rnd.nextBoolean() ? new Acl.Default(7, 5, 0, PxarFormat.ACL_NO_MASK) : null,
                    List.of(new Acl.Entry(9, 1)), List.of()));
        }
        if (rnd.nextInt(6) == 0) {
            m = m.withFcaps(new byte[] {1, 0, 0, 2, 0, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        }
        if (rnd.nextInt(6) == 0) {
            m = m.withQuotaProjectId((long) rnd.nextInt(1000) + 1);
        }
        return m;
    }
}
