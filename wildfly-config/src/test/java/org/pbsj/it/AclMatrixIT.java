package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.it.AclFixture.BASE;
import static org.pbsj.it.AclFixture.FOREIGN_ID;
import static org.pbsj.it.AclFixture.OTHER;
import static org.pbsj.it.AclFixture.PRUNE_JOB;
import static org.pbsj.it.AclFixture.STORE;
import static org.pbsj.it.AclFixture.T0;
import static org.pbsj.it.AclFixture.TOKEN;
import static org.pbsj.it.AclFixture.VERIFY_JOB;
import static org.pbsj.it.AclFixture.as;
import static org.pbsj.it.AclFixture.asManager;
import static org.pbsj.it.AclFixture.b64;
import static org.pbsj.it.AclFixture.dir;
import static org.pbsj.it.AclFixture.form;
import static org.pbsj.it.AclFixture.freshSnapshot;
import static org.pbsj.it.AclFixture.group;
import static org.pbsj.it.AclFixture.q;
import static org.pbsj.it.AclFixture.setOwner;
import static org.pbsj.it.AclFixture.snapshot;
import static org.pbsj.it.AclFixture.waitForTask;
import static org.pbsj.it.AclFixture.with;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.it.AclFixture.Login;
import org.pbsj.it.AclFixture.Reply;
import org.pbsj.it.AclFixture.Who;

/**
 * The ACL test: every datastore endpoint of {@code rest-api.md} §4.3/§4.4 and the backup
 * and reader upgrades, called as every datastore role of {@code access-control.md} §4 (role on
 * {@code /datastore/<store>}, Admin also on {@code /}) and as a user without ACL, on the caller's
 * own group and on a group somebody else owns. Every answer is compared with {@link #MATRIX}.
 *
 * <p>Outcomes: "200" / "101" success; an error status; {@value #HIDDEN} = 200 but the object is
 * filtered out of the list (lists are filtered, not refused, where the spec says so). Rules behind
 * the table: a privilege in the "full" set of the Perm column allows every group; one in the
 * limited set only the caller's own groups, a foreign group then fails the owner check, a plain
 * error (400, {@code access-control.md} §6, {@code rest-api.md} §1.3); neither is 403
 * ({@code access-control.md} §6 step 3); a refused change-owner is 401.
 *
 * <p>Roles (privileges on the store): ADM Admin (all, also on /) · AUD Audit (Sys.Audit,
 * Datastore.Audit) · NOA NoAccess (none) · DSA DatastoreAdmin (Audit Modify Read Verify Backup
 * Prune) · DSR DatastoreReader (Audit Verify Read) · DSB DatastoreBackup (Backup) · DSP
 * DatastorePowerUser (Backup Prune) · DSU DatastoreAudit (Audit) · NON no ACL.
 */
class AclMatrixIT {
    static final String HIDDEN = "hidden";

    /** What one call works on: the caller's own group or the foreign one, with its owner. */
    record Target(Who caller, boolean foreign, BackupDir dir, String owner) {
        String id() {
            return dir.group().id();
        }
    }

    interface Call {
        String run(Login l, Target t) throws Exception;
    }

    /**
     * One endpoint: roles with full access (own and foreign group succeed), roles limited to own
     * groups (a foreign group gives {@code foreign}), everybody else gets {@code others}; cells in
     * {@code but} override that for single roles ({own, foreign}). Rows that name no group are
     * called once ({@code perGroup} false) and use the "own" expectation.
     */
    record Row(String endpoint, String ok, Set<Who> full, Set<Who> limited, String foreign, String others,
            Map<Who, String[]> but, boolean perGroup, Call call) {
        String expected(Who w, boolean isForeign) {
            if (but.containsKey(w)) {
                return but.get(w)[isForeign ? 1 : 0];
            }
            if (full.contains(w)) {
                return ok;
            }
            if (limited.contains(w)) {
                return isForeign ? foreign : ok;
            }
            return others;
        }

        Row but(String roles, String own, String foreignGroup) {
            Map<Who, String[]> m = new EnumMap<>(Who.class);
            m.putAll(but);
            for (Who w : who(roles)) {
                m.put(w, new String[] {own, foreignGroup});
            }
            return new Row(endpoint, ok, full, limited, foreign, others, m, perGroup, call);
        }

        Row once() {
            return new Row(endpoint, ok, full, limited, foreign, others, but, false, call);
        }
    }

    static Row row(String endpoint, String full, String limited, String foreign, String others, Call call) {
        return new Row(endpoint, "200", who(full), who(limited), foreign, others, Map.of(), true, call);
    }

    static Row upgrade(String endpoint, String full, String limited, String foreign, String others, Call call) {
        return new Row(endpoint, "101", who(full), who(limited), foreign, others, Map.of(), true, call);
    }

    static Set<Who> who(String names) {
        Set<Who> s = EnumSet.noneOf(Who.class);
        Arrays.stream(names.trim().split("\\s+")).filter(n -> !n.isEmpty()).forEach(n -> s.add(Who.valueOf(n)));
        return s;
    }

    /** A one-off local pull from the empty job namespace (nothing to copy). */
    static final Map<String, String> PULL = Map.of("store", STORE, "ns", AclFixture.SYNC_NS, "remote-store", STORE,
            "remote-ns", AclFixture.JOB_NS);

    // @formatter:off
    /** The expected answers, from the Perm column of rest-api.md §4.3/§4.4/§5 and access-control.md §6. */
    static final List<Row> MATRIX = List.of(
        //   endpoint                                   full access                    own groups only  foreign  others
        row("GET    /admin/datastore (store listed)",   "ADM AUD DSA DSR DSB DSP DSU", "",              null,    HIDDEN, AclMatrixIT::datastoreList).once(),
        row("GET    …/groups",                          "ADM AUD DSA DSR DSU",         "DSB DSP",       HIDDEN,  "403",  AclMatrixIT::groups),
        row("GET    …/snapshots",                       "ADM AUD DSA DSR DSU",         "DSB DSP",       HIDDEN,  "403",  AclMatrixIT::snapshots),
        row("GET    …/snapshots?backup-type&id",        "ADM AUD DSA DSR DSU",         "DSB DSP",       HIDDEN,  "403",  AclMatrixIT::snapshotsOfGroup),
        row("GET    …/files",                           "ADM AUD DSA DSR DSU",         "DSB DSP",       "400",   "403",  get("files", Map.of())),
        row("GET    …/download",                        "ADM DSA DSR",                 "DSB DSP",       "400",   "403",  get("download", Map.of("file-name", "index.json.blob"))),
        row("GET    …/download-decoded",                "ADM DSA DSR",                 "DSB DSP",       "400",   "403",  get("download-decoded", Map.of("file-name", "root.pxar.didx"))),
        row("GET    …/catalog",                         "ADM DSA DSR",                 "DSB DSP",       "400",   "403",  get("catalog", Map.of("filepath", "root"))),
        row("GET    …/pxar-file-download",              "ADM DSA DSR",                 "DSB DSP",       "400",   "403",  get("pxar-file-download", Map.of("filepath", b64("/root.pxar.didx/hello.txt")))),
        row("POST   …/upload-backup-log",               "",                            "ADM DSA DSB DSP", "400", "403",  AclMatrixIT::uploadLog),
        row("GET    …/status",                          "ADM AUD DSA DSR DSB DSP DSU", "",              null,    "403",  AclMatrixIT::status).once(),
        row("GET    …/rrd",                             "ADM AUD DSA DSR DSB DSP DSU", "",              null,    "403",  plain("GET", "rrd", Map.of("timeframe", "hour", "cf", "MAX"))).once(),
        row("GET    …/active-operations",               "ADM AUD DSA DSR DSU",         "",              null,    "403",  plain("GET", "active-operations", Map.of())).once(),
        row("GET    …/gc",                              "ADM AUD DSA DSR DSU",         "",              null,    "403",  plain("GET", "gc", Map.of())).once(),
        row("POST   …/gc",                              "ADM DSA",                     "",              null,    "403",  task(BASE + "gc", Map.of())).once(),
        row("POST   …/prune (dry-run)",                 "ADM DSA",                     "DSP",           "400",   "403",  AclMatrixIT::prune),
        row("POST   …/prune-datastore (dry-run)",       "ADM DSA DSP",                 "",              null,    "403",  task(BASE + "prune-datastore", Map.of("keep-last", "1", "dry-run", "1"))).once(),
        row("POST   …/verify (group)",                  "ADM DSA DSR",                 "DSB DSP",       "400",   "403",  AclMatrixIT::verify),
        row("GET    …/notes",                           "ADM AUD DSA DSR DSU",         "DSB DSP",       "400",   "403",  get("notes", Map.of())),
        row("PUT    …/notes",                           "ADM DSA",                     "DSB DSP",       "400",   "403",  put("notes", false, "notes", "set by the acl matrix")),
        row("GET    …/group-notes",                     "ADM AUD DSA DSR DSU",         "DSB DSP",       "400",   "403",  AclMatrixIT::groupNotes),
        row("PUT    …/group-notes",                     "ADM DSA",                     "DSB DSP",       "400",   "403",  put("group-notes", true, "notes", "group notes by the acl matrix")),
        row("GET    …/protected",                       "ADM AUD DSA DSR DSU",         "DSB DSP",       "400",   "403",  get("protected", Map.of())),
        row("PUT    …/protected (false)",               "ADM DSA",                     "DSB DSP",       "400",   "403",  put("protected", false, "protected", "0")),
        row("DELETE …/snapshots",                       "ADM DSA",                     "DSP",           "400",   "403",  AclMatrixIT::deleteSnapshot),
        row("DELETE …/groups",                          "ADM DSA",                     "DSP",           "400",   "403",  AclMatrixIT::deleteGroup),
        row("POST   …/change-owner user→same user",     "ADM DSA",                     "",              null,    "403",  AclMatrixIT::changeOwnerToSame)
                .but("DSB DSP", "401", "401"),
        row("POST   …/change-owner owner→caller!t",     "ADM DSA",                     "DSB DSP",       "401",   "403",  AclMatrixIT::changeOwnerToToken),
        row("POST   …/change-owner owner!t→caller",     "ADM DSA",                     "DSB DSP",       "401",   "403",  AclMatrixIT::changeOwnerFromToken),
        row("GET    …/namespace",                       "ADM AUD DSA DSR DSB DSP DSU", "",              null,    "403",  plain("GET", "namespace", Map.of())).once(),
        row("POST   …/namespace",                       "ADM DSA",                     "",              null,    "403",  AclMatrixIT::createNamespace).once(),
        row("DELETE …/namespace",                       "ADM DSA",                     "",              null,    "403",  AclMatrixIT::deleteNamespace).once(),
        row("GET    /admin/gc?store (store listed)",    "ADM AUD DSA DSR DSU",         "",              null,    HIDDEN, listed("admin/gc", Map.of("store", STORE), "store", STORE)).once(),
        row("GET    /admin/gc/{store} (store listed)",  "ADM AUD DSA DSR DSU",         "",              null,    HIDDEN, listed("admin/gc/" + STORE, Map.of(), "store", STORE)).once(),
        row("GET    /admin/prune?store (job listed)",   "ADM AUD DSA DSR DSU",         "",              null,    HIDDEN, listed("admin/prune", Map.of("store", STORE), "id", PRUNE_JOB)).once(),
        row("POST   /admin/prune/{id}/run",             "ADM DSA",                     "",              null,    "403",  task("admin/prune/" + PRUNE_JOB + "/run", Map.of())).once(),
        row("GET    /admin/verify?store (job listed)",  "ADM AUD DSA DSR DSU",         "",              null,    HIDDEN, listed("admin/verify", Map.of("store", STORE), "id", VERIFY_JOB)).once(),
        row("POST   /admin/verify/{id}/run",            "ADM DSA DSR",                 "",              null,    "403",  task("admin/verify/" + VERIFY_JOB + "/run", Map.of())).once(),
        row("GET    /admin/sync?store (job listed)",    "ADM AUD DSA DSR DSU",         "",              null,    HIDDEN, listed("admin/sync", Map.of("store", STORE), "id", AclFixture.SYNC_JOB)).once(),
        row("POST   /admin/sync/{id}/run (owner root)", "ADM DSA",                     "",              null,    "403",  task("admin/sync/" + AclFixture.SYNC_JOB + "/run", Map.of())).once(),
        row("POST   /pull (local, same store)",         "ADM DSA",                     "",              null,    "403",  task("pull", PULL)).once(),
        upgrade("GET /reader (upgrade)",                "ADM DSA DSR",                 "DSB DSP",       "400",   "403",  (l, t) -> AclFixture.readerUpgrade(l, t.dir())),
        upgrade("GET /backup (upgrade)",                "",                            "ADM DSA DSB DSP", "400", "403",  AclMatrixIT::backupUpgrade));
    // @formatter:on

    @BeforeAll
    static void fixture() throws Exception {
        AclFixture.setUp();
    }

    @Test
    void everyEndpointAsEveryRoleOnOwnAndForeignGroups() throws Exception {
        List<String> mismatches = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-42s", "endpoint (own/foreign)"));
        for (Who w : Who.values()) {
            table.append(String.format(" %-15s", w));
        }
        table.append('\n');
        for (Row r : MATRIX) {
            table.append(String.format("%-42s", r.endpoint()));
            for (Who w : Who.values()) {
                Login l = AclFixture.login(w);
                String own = check(r, l, false, mismatches);
                String foreign = r.perGroup() ? check(r, l, true, mismatches) : null;
                table.append(String.format(" %-15s", foreign == null ? own : own + "/" + foreign));
            }
            table.append('\n');
        }
        System.out.println("ACL matrix on datastore " + STORE + ":\n" + table);
        assertTrue(mismatches.isEmpty(), mismatches.size() + " answers differ from the spec:\n"
                + String.join("\n", mismatches) + "\n\n" + table);
    }

    /** {@code GET /admin/datastore}: rights on a namespace only show the store, without its comment. */
    @Test
    void namespaceOnlyRightsListTheStoreWithoutItsComment() throws Exception {
        String user = "aclm-nsonly-" + AclFixture.RUN + "@pbs";
        AclFixture.createUser(user);
        AclFixture.ok(asManager("PUT", "access/acl", form("path", "/datastore/" + STORE + "/" + AclFixture.JOB_NS,
                "role", "DatastoreBackup", "auth-id", user)));
        Login nsOnly = new Login(null, AclFixture.ticket(user));
        assertEquals(List.of(Map.of("store", STORE)), storeEntries(nsOnly));
        assertEquals(List.of(Map.of("store", STORE, "comment", AclFixture.COMMENT)), storeEntries(AclFixture.login(Who.DSU)));
        assertEquals("200", listed(as(nsOnly, "GET", BASE + "namespace", Map.of()),
                m -> AclFixture.JOB_NS.equals(m.get("ns"))), "the namespace is listed");
        assertEquals("403", status(as(nsOnly, "GET", BASE + "groups", Map.of())), "but not the root namespace's groups");
    }

    /**
     * {@code POST /pull} needs Datastore.Backup on the target and read access to the source, not
     * Datastore.Modify ({@code rest-api.md} §4.4): the pull runs as the caller. A configured job
     * owned by root@pam does need Modify.
     */
    @Test
    void pullRunsAsTheCallerAndNeedsNoModify() throws Exception {
        String user = "aclm-puller-" + AclFixture.RUN + "@pbs";
        AclFixture.createUser(user);
        AclFixture.ok(asManager("PUT", "access/acl", form("path", "/datastore/" + STORE + "/" + AclFixture.SYNC_NS,
                "role", "DatastoreBackup", "auth-id", user)));
        AclFixture.ok(asManager("PUT", "access/acl", form("path", "/datastore/" + STORE + "/" + AclFixture.JOB_NS,
                "role", "DatastoreReader", "auth-id", user)));
        Login puller = new Login(null, AclFixture.ticket(user));
        assertEquals("200", task("pull", PULL).run(puller, null));
        assertEquals("403", status(as(puller, "POST", "admin/sync/" + AclFixture.SYNC_JOB + "/run", Map.of())),
                "the job's owner is root@pam: running it needs Datastore.Modify");
    }

    private static List<?> storeEntries(Login l) throws Exception {
        return ((List<?>) AclFixture.ok(as(l, "GET", "admin/datastore", Map.of())).data()).stream()
                .filter(e -> STORE.equals(((Map<?, ?>) e).get("store"))).toList();
    }

    private static String check(Row r, Login l, boolean foreign, List<String> mismatches) {
        Target t = foreign ? new Target(l.who(), true, dir(FOREIGN_ID, T0), OTHER)
                : new Target(l.who(), false, dir(l.who().ownGroup(), T0), l.who().userid());
        String actual;
        try {
            actual = r.call().run(l, t);
        } catch (Exception | AssertionError e) {
            actual = "ERR " + e;
        }
        String expected = r.expected(l.who(), foreign);
        if (!expected.equals(actual)) {
            mismatches.add(String.format("%s as %s on %s group: expected %s, got %s", r.endpoint(), l.who(),
                    foreign ? "foreign" : "own", expected, actual));
        }
        return actual;
    }

    // ------------------------------------------------------------------ the calls

    static String status(Reply r) {
        return Integer.toString(r.status());
    }

    /** 200 with a list: "200" if an element matches, {@value #HIDDEN} if none does; else the status. */
    static String listed(Reply r, Predicate<Map<?, ?>> match) {
        if (r.status() != 200) {
            return status(r);
        }
        return ((List<?>) r.data()).stream().anyMatch(e -> match.test((Map<?, ?>) e)) ? "200" : HIDDEN;
    }

    static Call listed(String path, Map<String, String> query, String key, String value) {
        return (l, t) -> listed(as(l, "GET", path, query), m -> value.equals(m.get(key)));
    }

    /** A call on the target snapshot ({@code …/<what>} with BackupDir plus {@code extra}). */
    static Call get(String what, Map<String, String> extra) {
        return (l, t) -> {
            Map<String, String> p = snapshot(t.dir());
            p.putAll(extra);
            return status(as(l, "GET", BASE + what, p));
        };
    }

    static Call put(String what, boolean groupOnly, String key, String value) {
        return (l, t) -> status(as(l, "PUT", BASE + what, with(groupOnly ? group(t.dir()) : snapshot(t.dir()), key, value)));
    }

    /** A store-level call that names no group. */
    static Call plain(String method, String what, Map<String, String> params) {
        return (l, t) -> status(as(l, method, BASE + what, params));
    }

    /** A POST that starts a task: waits for it, so the next caller does not find it running. */
    static Call task(String path, Map<String, String> params) {
        return (l, t) -> {
            Reply r = as(l, "POST", path, params);
            if (r.status() == 200) {
                waitForTask((String) r.data());
            }
            return status(r);
        };
    }

    static String datastoreList(Login l, Target t) throws Exception {
        return listed(as(l, "GET", "admin/datastore", Map.of()), m -> STORE.equals(m.get("store")));
    }

    static String groups(Login l, Target t) throws Exception {
        return listed(as(l, "GET", BASE + "groups", Map.of()), m -> t.id().equals(m.get("backup-id")));
    }

    static String snapshots(Login l, Target t) throws Exception {
        return listed(as(l, "GET", BASE + "snapshots", Map.of()), m -> t.id().equals(m.get("backup-id")));
    }

    static String snapshotsOfGroup(Login l, Target t) throws Exception {
        return listed(as(l, "GET", BASE + "snapshots", group(t.dir())), m -> t.id().equals(m.get("backup-id")));
    }

    static String status(Login l, Target t) throws Exception {
        Reply r = as(l, "GET", BASE + "status", Map.of("verbose", "1"));
        if (r.status() == 200 && ((Number) ((Map<?, ?>) r.data()).get("total")).longValue() <= 0) {
            return "200 without numbers";
        }
        return status(r);
    }

    static String groupNotes(Login l, Target t) throws Exception {
        return status(as(l, "GET", BASE + "group-notes", group(t.dir())));
    }

    static String prune(Login l, Target t) throws Exception {
        return status(as(l, "POST", BASE + "prune", with(group(t.dir()), "keep-last", "1", "dry-run", "1")));
    }

    static String verify(Login l, Target t) throws Exception {
        return task(BASE + "verify", group(t.dir())).run(l, t);
    }

    static String uploadLog(Login l, Target t) throws Exception {
        BackupDir fresh = freshSnapshot("log", t.owner());
        byte[] blob = DataBlobCodec.encode("client log\n".getBytes(StandardCharsets.UTF_8), null, true).raw();
        return status(as(l, "POST", BASE + "upload-backup-log", snapshot(fresh), null, blob));
    }

    static String deleteSnapshot(Login l, Target t) throws Exception {
        BackupDir fresh = freshSnapshot("del", t.owner());
        return status(as(l, "DELETE", BASE + "snapshots", snapshot(fresh)));
    }

    static String deleteGroup(Login l, Target t) throws Exception {
        BackupDir fresh = freshSnapshot("delg", t.owner());
        return status(as(l, "DELETE", BASE + "groups", group(fresh)));
    }

    static String changeOwnerToSame(Login l, Target t) throws Exception {
        return status(as(l, "POST", BASE + "change-owner", with(group(t.dir()), "new-owner", t.owner())));
    }

    /** The group's owner gives it to the caller's token; the manager restores the owner afterwards. */
    static String changeOwnerToToken(Login l, Target t) throws Exception {
        try {
            return status(as(l, "POST", BASE + "change-owner",
                    with(group(t.dir()), "new-owner", l.who().userid() + "!" + TOKEN)));
        } finally {
            setOwner(t.id(), t.owner());
        }
    }

    /** The group belongs to its owner's token and goes to the caller; restored afterwards. */
    static String changeOwnerFromToken(Login l, Target t) throws Exception {
        setOwner(t.id(), t.owner() + "!" + TOKEN);
        try {
            return status(as(l, "POST", BASE + "change-owner", with(group(t.dir()), "new-owner", l.who().userid())));
        } finally {
            setOwner(t.id(), t.owner());
        }
    }

    static String createNamespace(Login l, Target t) throws Exception {
        return status(as(l, "POST", BASE + "namespace", Map.of("name", "mk-" + l.who().name().toLowerCase())));
    }

    static String deleteNamespace(Login l, Target t) throws Exception {
        String ns = "rm-" + l.who().name().toLowerCase();
        AclFixture.ok(asManager("POST", BASE + "namespace", form("name", ns)));
        try {
            return status(as(l, "DELETE", BASE + "namespace", q("ns", ns)));
        } finally {
            asManager("DELETE", BASE + "namespace", q("ns", ns));
        }
    }

    /** A new snapshot (now) in the target group; the session is dropped unfinished, so nothing stays. */
    static String backupUpgrade(Login l, Target t) {
        return AclFixture.backupUpgrade(l, dir(t.id(), System.currentTimeMillis() / 1000));
    }
}
