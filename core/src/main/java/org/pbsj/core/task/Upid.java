package org.pbsj.core.task;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PBS task id ({@code rest-api.md} §6.1):
 * <pre>
 * UPID:{node}:{pid:08X}:{pstart:08X}:{task_id:08X}:{starttime:08X}:{worker_type}:{worker_id}:{authid}:
 * </pre>
 * {@code workerId} is held unescaped (null when the task has none); {@link #toString()} escapes it
 * as systemd unit names are escaped, which is what PBS does.
 */
public record Upid(String node, long pid, long pstart, long taskId, long starttime,
                   String workerType, String workerId, String authId) {

    public static final Pattern PATTERN = Pattern.compile(
            "^UPID:(?<node>[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):(?<pid>[0-9A-Fa-f]{8}):"
                    + "(?<pstart>[0-9A-Fa-f]{8,9}):(?<taskid>[0-9A-Fa-f]{8,16}):(?<starttime>[0-9A-Fa-f]{8}):"
                    + "(?<wtype>[^:\\s]+):(?<wid>[^:\\s]*):(?<authid>[^:\\s]+):$");
    private static final Pattern NODE = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?");
    private static final Pattern WORKER_TYPE = Pattern.compile("[^:\\s/]+");
    private static final Pattern AUTH_ID = Pattern.compile("[^:\\s]+");

    public Upid {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(workerType, "workerType");
        Objects.requireNonNull(authId, "authId");
        if (!NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("invalid node name '" + node + "'");
        }
        if (!WORKER_TYPE.matcher(workerType).matches()) {
            throw new IllegalArgumentException("invalid worker type '" + workerType + "'");
        }
        if (!AUTH_ID.matcher(authId).matches()) {
            throw new IllegalArgumentException("invalid auth id '" + authId + "'");
        }
        // the regex bounds the hex widths: 8 digits for pid and starttime, 9 for pstart, 16 for task_id
        if (pid < 0 || pid > 0xFFFF_FFFFL || starttime < 0 || starttime > 0xFFFF_FFFFL
                || pstart < 0 || pstart > 0xF_FFFF_FFFFL || taskId < 0) {
            throw new IllegalArgumentException("UPID number out of range");
        }
        if (workerId != null && workerId.isEmpty()) {
            workerId = null;
        }
    }

    /** Parses a UPID string; {@link IllegalArgumentException} if it does not match {@link #PATTERN}. */
    public static Upid parse(String s) {
        Matcher m = s == null ? null : PATTERN.matcher(s);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("unable to parse UPID '" + s + "'");
        }
        String wid = m.group("wid");
        return new Upid(m.group("node"), Long.parseLong(m.group("pid"), 16), Long.parseLong(m.group("pstart"), 16),
                Long.parseUnsignedLong(m.group("taskid"), 16), Long.parseLong(m.group("starttime"), 16),
                m.group("wtype"), wid.isEmpty() ? null : unescapeWorkerId(wid), m.group("authid"));
    }

    public static boolean isValid(String s) {
        return s != null && PATTERN.matcher(s).matches();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "UPID:%s:%08X:%08X:%08X:%08X:%s:%s:%s:", node, pid, pstart, taskId,
                starttime, workerType, workerId == null ? "" : escapeWorkerId(workerId), authId);
    }

    /** The log directory name: {@code pstart & 0xFF} as two uppercase hex digits. */
    public String logDirName() {
        return String.format(Locale.ROOT, "%02X", pstart & 0xFF);
    }

    /** The user part of the auth id (a token {@code user@realm!name} belongs to {@code user@realm}). */
    public String userid() {
        int bang = authId.lastIndexOf('!');
        return bang > authId.lastIndexOf('@') ? authId.substring(0, bang) : authId;
    }

    /** The token name, or null when the task was started by a user. */
    public String tokenName() {
        String user = userid();
        return user.length() == authId.length() ? null : authId.substring(user.length() + 1);
    }

    /**
     * systemd unit escaping ({@code proxmox_sys::systemd::escape_unit}): {@code /} becomes
     * {@code -}; every UTF-8 byte outside {@code [A-Za-z0-9_.]}, and a leading {@code .}, becomes
     * {@code \xNN}.
     */
    public static String escapeWorkerId(String id) {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xFF;
            if (c == '/') {
                sb.append('-');
            } else if ((i == 0 && c == '.') || !isPlain(c)) {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** The inverse of {@link #escapeWorkerId}: {@code \xNN} → byte, {@code -} → {@code /}. */
    public static String unescapeWorkerId(String escaped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(escaped.length());
        byte[] in = escaped.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '\\') {
                if (in.length - i < 4) {
                    throw new IllegalArgumentException("short escape sequence in '" + escaped + "'");
                }
                if (in[i + 1] != 'x') {
                    throw new IllegalArgumentException("unknown escape sequence in '" + escaped + "'");
                }
                out.write(hexDigit(in[i + 2], escaped) << 4 | hexDigit(in[i + 3], escaped));
                i += 3;
            } else if (b == '-') {
                out.write('/');
            } else {
                out.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("worker id '" + escaped + "' is not UTF-8 once unescaped");
        }
    }

    private static boolean isPlain(int c) {
        return c == '_' || c == '.' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static int hexDigit(byte b, String escaped) {
        int d = Character.digit(b, 16);
        if (d < 0) {
            throw new IllegalArgumentException("invalid hex digit in '" + escaped + "'");
        }
        return d;
    }
}
