package org.pbsj.server.infrastructure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The UPID fields that name this server process ({@code rest-api.md} §6.1): the node (host name
 * up to the first dot), the OS pid and, as a synthetic {@code pstart}, the JVM start time in epoch
 * seconds. pid and start time together tell a restarted server from the one before.
 */
public record ProcessIdentity(String node, long pid, long pstart) {
    private static final Pattern NODE = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?");

    public static ProcessIdentity current() {
        long startMillis = ProcessHandle.current().info().startInstant()
                .map(java.time.Instant::toEpochMilli)
                .orElseGet(() -> ManagementFactory.getRuntimeMXBean().getStartTime());
        return new ProcessIdentity(nodeName(), ProcessHandle.current().pid() & 0xFFFF_FFFFL,
                (startMillis / 1000) & 0xF_FFFF_FFFFL);
    }

    /** Like PBS's {@code nodename()}: the kernel's host name up to the first dot; "localhost" if unusable. */
    public static String nodeName() {
        String host = null;
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException e2) {
                // fall through to localhost
            }
        }
        return sanitize(host);
    }

    static String sanitize(String host) {
        if (host == null) {
            return "localhost";
        }
        int dot = host.indexOf('.');
        String node = dot < 0 ? host : host.substring(0, dot);
        return NODE.matcher(node).matches() ? node : "localhost";
    }
}
