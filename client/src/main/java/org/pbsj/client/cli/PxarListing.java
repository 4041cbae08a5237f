package org.pbsj.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.core.client.ClientException;
import org.pbsj.core.json.Json;
import org.pbsj.core.pxar.Entry;
import org.pbsj.core.pxar.EntryKind;
import org.pbsj.core.pxar.Metadata;
import org.pbsj.core.pxar.PxarDecoder;
import org.pbsj.core.pxar.PxarFormat;

/**
 * {@code pxar list}. Text output is PBS's: one path per line, quoted and escaped like Rust's
 * {@code {:?}} (so names with newlines stay on one line, invalid UTF-8 shows as {@code \xNN});
 * {@code --verbose} adds PBS's {@code ls -l} style columns. JSON gives one object per entry with
 * the metadata as numbers.
 */
final class PxarListing {
    private static final DateTimeFormatter MTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PxarMain main;

    PxarListing(PxarMain main) {
        this.main = main;
    }

    int list(ParsedArgs a) {
        OutputFormat format = OutputFormat.of(a, main.env);
        boolean verbose = a.flag("verbose");
        String archive = a.arg("archive");
        String payloadName = a.option("payload-input");
        List<Object> collected = format == OutputFormat.JSON_PRETTY ? new ArrayList<>() : null;
        boolean first = true;
        try (InputStream in = main.openArchive(archive);
                InputStream payload = payloadName == null ? null : main.openArchive(payloadName)) {
            PxarDecoder d = payload == null ? PxarDecoder.open(in, archive) : PxarDecoder.openSplit(in, payload, archive);
            if (format == OutputFormat.JSON) {
                main.out.print('[');
            }
            for (Entry e = d.next(); e != null; e = d.next()) {
                if (e.kind() == EntryKind.GOODBYE) {
                    continue;
                }
                switch (format) {
                    case TEXT -> main.out.println(verbose ? longLine(e) : quote(e.path()));
                    case JSON -> {
                        main.out.print((first ? "" : ",") + Json.compact(json(e)));
                        first = false;
                    }
                    default -> collected.add(json(e));
                }
            }
        } catch (IOException e) {
            throw new ClientException(e.getMessage(), e);
        }
        if (format == OutputFormat.JSON) {
            main.out.println(']');
        } else if (collected != null) {
            main.out.println(Json.pretty(collected));
        }
        return CommandLine.OK;
    }

    /** PBS's {@code format_single_line_entry}: mode, uid/gid, local mtime, size, quoted path, link. */
    static String longLine(Entry e) {
        Metadata m = e.metadata();
        String size = switch (e.kind()) {
            case FILE -> Long.toString(e.fileSize());
            case DEVICE -> e.deviceMajor() + "," + e.deviceMinor();
            default -> "0";
        };
        String link = e.link() != null ? " -> " + quote(e.link()) : "";
        String mtime;
        try {
            mtime = MTIME.format(Instant.ofEpochSecond(m.mtimeSecs()).atZone(ZoneId.systemDefault()));
        } catch (java.time.DateTimeException outOfRange) { // beyond what a calendar can show: PBS prints secs.nanos
            mtime = m.mtimeSecs() + "." + m.mtimeNanos();
        }
        String line = String.format("%s %-13s %s %8s %s%s", modeString(e), m.uid() + "/" + m.gid(), mtime, size,
                quote(e.path()), link);
        return e.payloadRef() ? line + " " + (e.contentOffset() - PxarFormat.HEADER_SIZE) : line;
    }

    /** {@code drwxr-xr-x} plus '+' (or ' ') for ACLs and for xattrs; hardlinks are 'L'. */
    static String modeString(Entry e) {
        long mode = e.metadata().mode();
        char type = switch (e.kind()) {
            case HARDLINK -> 'L';
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case FIFO -> 'p';
            case SOCKET -> 's';
            case DEVICE -> (mode & PxarFormat.IFMT) == PxarFormat.IFBLK ? 'b' : 'c';
            case FILE -> '-';
            default -> '?';
        };
        StringBuilder sb = new StringBuilder().append(type);
        triple(sb, mode >> 6, (mode & PxarFormat.ISUID) != 0, 's', 'S');
        triple(sb, mode >> 3, (mode & PxarFormat.ISGID) != 0, 's', 'S');
        triple(sb, mode, (mode & PxarFormat.ISVTX) != 0, 't', 'T');
        sb.append(e.metadata().acl().isEmpty() ? ' ' : '+');
        sb.append(e.metadata().xattrs().isEmpty() ? ' ' : '+');
        return sb.toString();
    }

    private static void triple(StringBuilder sb, long bits, boolean special, char withX, char withoutX) {
        sb.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-');
        boolean x = (bits & 1) != 0;
        sb.append(special ? (x ? withX : withoutX) : (x ? 'x' : '-'));
    }

    static Map<String, Object> json(Entry e) {
        Metadata m = e.metadata();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("path", e.pathString());
        j.put("type", switch (e.kind()) {
            case DEVICE -> (m.mode() & PxarFormat.IFMT) == PxarFormat.IFBLK ? "block-device" : "char-device";
            default -> e.kind().name().toLowerCase(java.util.Locale.ROOT);
        });
        if (e.kind() != EntryKind.HARDLINK) {
            j.put("mode", m.mode());
            j.put("uid", m.uid());
            j.put("gid", m.gid());
            j.put("mtime", m.mtimeSecs());
            j.put("mtime-nanos", (long) m.mtimeNanos());
        }
        if (e.kind() == EntryKind.FILE) {
            j.put("size", e.fileSize());
            if (e.payloadRef()) {
                j.put("payload-offset", e.contentOffset() - PxarFormat.HEADER_SIZE);
            }
        }
        if (e.link() != null) {
            j.put("link", e.linkString());
        }
        if (e.kind() == EntryKind.DEVICE) {
            j.put("major", e.deviceMajor());
            j.put("minor", e.deviceMinor());
        }
        if (!m.xattrs().isEmpty()) {
            j.put("xattrs", (long) m.xattrs().size());
        }
        if (!m.acl().isEmpty()) {
            j.put("acl", true);
        }
        return j;
    }

    /**
     * A path as Rust's {@code Debug} shows it: in double quotes, {@code \" \\ \n \r \t \0} escaped,
     * other control characters as {@code \\u{..}}, bytes that are not valid UTF-8 as {@code \xNN}.
     */
    static String quote(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length + 2).append('"');
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            int len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
            int cp = decode(b, i, len);
            if (cp < 0) {
                sb.append(String.format("\\x%02X", c));
                i++;
                continue;
            }
            i += len;
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0 -> sb.append("\\0");
                default -> {
                    if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                        sb.append("\\u{").append(Integer.toHexString(cp)).append('}');
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** The code point of a well-formed UTF-8 sequence of {@code len} bytes at {@code i}, else -1. */
    private static int decode(byte[] b, int i, int len) {
        if (len == 0 || i + len > b.length) {
            return -1;
        }
        if (len == 1) {
            return b[i];
        }
        int cp = b[i] & (0xff >> (len + 1));
        for (int k = 1; k < len; k++) {
            int c = b[i + k] & 0xff;
            if ((c & 0xc0) != 0x80) {
                return -1;
            }
            cp = cp << 6 | (c & 0x3f);
        }
        boolean overlong = len == 3 && cp < 0x800 || len == 4 && cp < 0x10000;
        boolean invalid = cp > 0x10ffff || cp >= 0xd800 && cp <= 0xdfff;
        return overlong || invalid ? -1 : cp;
    }
}
