package org.pbsj.client.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.json.Json;

/**
 * Login tickets kept between client runs, per server and user, in PBS's format
 * ({@code pbs-client/src/http_client.rs}: {@code {"<server>":{"<user>":{"timestamp":<epoch>,
 * "ticket":"...","token":"<CSRF token>"}}}}), mode 0600 (see {@link ClientDirs#ticketFile()}).
 * Entries older than the ticket lifetime minus a minute are dropped on every write.
 */
public final class TicketCache {
    /** {@code rest-api.md} §2.2: tickets are valid for 2 hours. */
    public static final long TICKET_LIFETIME = 7200;
    /** Keep a margin so a ticket does not expire between load and use. */
    static final long USABLE_LIFETIME = TICKET_LIFETIME - 60;

    /** A cached ticket with the time it was issued (epoch seconds). */
    public record Entry(Auth.Ticket ticket, long timestamp) {
    }

    private final Path file;
    private final Clock clock;

    public TicketCache(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public Optional<Entry> load(String server, String user) {
        Map<String, Object> users = asMap(read().get(server));
        Map<String, Object> info = asMap(users.get(user));
        if (info.get("ticket") instanceof String t && info.get("token") instanceof String csrf
                && info.get("timestamp") instanceof Long ts && now() - ts < USABLE_LIFETIME) {
            return Optional.of(new Entry(new Auth.Ticket(user, t, csrf), ts));
        }
        return Optional.empty();
    }

    public synchronized void store(String server, Auth.Ticket ticket) {
        Map<String, Object> data = expunge(read());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("timestamp", now());
        entry.put("ticket", ticket.ticket());
        entry.put("token", ticket.csrfToken());
        Map<String, Object> users = new LinkedHashMap<>(asMap(data.get(server)));
        users.put(ticket.username(), entry);
        data.put(server, users);
        write(data);
    }

    /** Forgets the ticket of {@code user} on {@code server}; true if there was one. */
    public synchronized boolean remove(String server, String user) {
        Map<String, Object> data = read();
        Map<String, Object> users = new LinkedHashMap<>(asMap(data.get(server)));
        boolean had = users.remove(user) != null;
        if (users.isEmpty()) {
            data.remove(server);
        } else {
            data.put(server, users);
        }
        if (had || Files.exists(file)) {
            write(expunge(data));
        }
        return had;
    }

    private Map<String, Object> expunge(Map<String, Object> data) {
        long now = now();
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach((server, v) -> {
            Map<String, Object> kept = new LinkedHashMap<>();
            asMap(v).forEach((user, info) -> {
                if (asMap(info).get("timestamp") instanceof Long ts && now - ts < USABLE_LIFETIME) {
                    kept.put(user, info);
                }
            });
            if (!kept.isEmpty()) {
                out.put(server, kept);
            }
        });
        return out;
    }

    /** A missing or corrupt cache is an empty cache: it only saves logins. */
    private Map<String, Object> read() {
        try {
            return new LinkedHashMap<>(Json.parseObject(Files.readString(file), file.toString()));
        } catch (IOException | PbsFormatException e) { // includes NoSuchFileException
            return new LinkedHashMap<>();
        }
    }

    private void write(Map<String, Object> data) {
        try {
            PrivateFiles.replace(file, Json.compact(data));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ticket cache " + file, e);
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
