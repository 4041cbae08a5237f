package org.pbsj.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.json.Json;

class TicketCacheTest {
    static final Auth.Ticket T = new Auth.Ticket("john@pbs", "PBS:john@pbs:00000001::sig", "00000001:csrf");

    static Clock at(long epoch) {
        return Clock.fixed(Instant.ofEpochSecond(epoch), ZoneOffset.UTC);
    }

    @Test
    void storesPerServerAndUserWithMode0600(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run/proxmox-backup/tickets");
        TicketCache cache = new TicketCache(file, at(1000));
        cache.store("pbs1", T);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertTrue(PrivateFiles.isPrivate(file));
        TicketCache.Entry e = cache.load("pbs1", "john@pbs").orElseThrow();
        assertEquals(T, e.ticket());
        assertEquals(1000, e.timestamp());
        assertTrue(cache.load("pbs2", "john@pbs").isEmpty());
        assertTrue(cache.load("pbs1", "root@pam").isEmpty());
        // PBS's layout: {server: {user: {timestamp, ticket, token}}}
        Map<String, Object> json = Json.parseObject(Files.readString(file), "tickets");
        assertEquals(Map.of("john@pbs", Map.of("timestamp", 1000L, "ticket", T.ticket(), "token", T.csrfToken())),
                json.get("pbs1"));
    }

    @Test
    void expiredTicketsAreNotUsedAndDroppedOnWrite(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tickets");
        new TicketCache(file, at(1000)).store("old", T);
        TicketCache later = new TicketCache(file, at(1000 + TicketCache.TICKET_LIFETIME - 60));
        assertTrue(later.load("old", "john@pbs").isEmpty());
        later.store("new", T);
        assertFalse(Files.readString(file).contains("\"old\""));
    }

    @Test
    void removeForgetsOnlyThatUser(@TempDir Path dir) {
        TicketCache cache = new TicketCache(dir.resolve("tickets"), at(50));
        cache.store("pbs1", T);
        cache.store("pbs1", new Auth.Ticket("root@pam", "PBS:root@pam:1::x", "c"));
        assertTrue(cache.remove("pbs1", "john@pbs"));
        assertFalse(cache.remove("pbs1", "john@pbs"));
        assertTrue(cache.load("pbs1", "root@pam").isPresent());
    }

    @Test
    void corruptCacheCountsAsEmpty(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tickets");
        Files.writeString(file, "{not json");
        TicketCache cache = new TicketCache(file, at(1));
        assertTrue(cache.load("a", "b").isEmpty());
        cache.store("a", T);
        assertTrue(cache.load("a", "john@pbs").isPresent());
    }

    @Test
    void dirsFollowXdg(@TempDir Path dir) {
        Path home = dir.resolve("home");
        ClientDirs d = ClientDirs.fromEnvironment(Map.of(), home);
        assertEquals(home.resolve(".config/proxmox-backup/fingerprints"), d.fingerprintFile());
        assertEquals(home.resolve(".cache/proxmox-backup/tickets"), d.ticketFile());
        ClientDirs x = ClientDirs.fromEnvironment(Map.of("XDG_RUNTIME_DIR", "/run/user/7", "XDG_CONFIG_HOME", "/cfg",
                "XDG_CACHE_HOME", "relative/ignored"), home);
        assertEquals(Path.of("/run/user/7/proxmox-backup/tickets"), x.ticketFile());
        assertEquals(Path.of("/cfg/proxmox-backup/encryption-key.json"), x.defaultEncryptionKey());
        assertEquals(home.resolve(".cache/proxmox-backup"), x.cache());
    }
}
