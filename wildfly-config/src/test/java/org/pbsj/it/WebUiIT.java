package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.pbsj.core.json.Json;

/**
 * The web interface in Debian's Chromium (headless, through chromedriver): login with and without
 * a second factor, dashboard, datastore creation, the content of a backup made by the real client
 * (files, catalog browsing, downloads through the session, verify, namespaces), GC with its live
 * task log, prune job and prune simulation, verify and sync jobs run from their tabs, a remote,
 * users, API tokens, recovery keys and datastore permissions, the task list, and a user without
 * ACLs who sees none of it and no admin buttons. Screenshots of the main views
 * go to {@code target/screenshots}.
 */
class WebUiIT {
    static final String BACKUP_ID = "webui";
    static final long BACKUP_TIME = 1_700_000_000L;
    static final String SNAPSHOT = "time=" + BACKUP_TIME;

    static Browser.Install browser;
    static String[] admin;

    @BeforeAll
    static void setUp(@TempDir Path tmp) throws Exception {
        browser = Browser.install();
        admin = ItServer.initialAdmin();
        clientBackup(tmp);
    }

    /** A backup by the real client (bin/pbs-client), so that it has a catalog to browse. */
    static void clientBackup(Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/etc"));
        Files.writeString(tmp.resolve("src/hello.txt"), "hello world\n");
        Files.writeString(src.resolve("hostname"), "pbsj-webui\n");
        String token = Files.readString(ItServer.HOME.resolve("data/pbsj-etc/manager.token")).trim();
        int colon = token.indexOf(':');
        ItServer.send(ItServer.get("ping"));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", tmp.resolve("home").toString());
        env.put("XDG_CONFIG_HOME", tmp.resolve("home/.config").toString());
        env.put("XDG_CACHE_HOME", tmp.resolve("home/.cache").toString());
        env.put("PBS_REPOSITORY", token.substring(0, colon) + "@localhost:" + ItServer.PORT + ":store1");
        env.put("PBS_PASSWORD", token.substring(colon + 1));
        env.put("PBS_FINGERPRINT", ItServer.fingerprint(ItServer.SEEN.get()));
        ProcessBuilder pb = new ProcessBuilder(Browser.ROOT.resolve("bin/pbs-client").toString(), "backup",
                "root.pxar:" + tmp.resolve("src"), "--backup-id", BACKUP_ID, "--backup-time", String.valueOf(BACKUP_TIME));
        pb.environment().putAll(env);
        Path log = tmp.resolve("client.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "client timed out");
        assertEquals(0, p.exitValue(), Files.readString(log));
    }

    static String snapshotQuery() {
        return "store=store1&type=host&id=" + BACKUP_ID + "&" + SNAPSHOT;
    }

    @Test
    void adminManagesTheServerFromTheBrowser() throws Exception {
        try (Browser b = Browser.open(browser)) {
            b.get("/");
            assertTrue(b.driver.getCurrentUrl().endsWith("/login.xhtml"), b.driver.getCurrentUrl());
            assertTrue(b.text(By.id("fingerprint")).matches("([0-9a-f]{2}:){31}[0-9a-f]{2}"));
            b.screenshot("login");

            String user = admin[0].substring(0, admin[0].indexOf('@'));
            b.login(user, admin[1]);
            assertEquals("Dashboard", b.h1());
            assertTrue(b.text(By.cssSelector(".content")).contains("store1"));
            b.screenshot("dashboard");

            // Datastore: list and Add Datastore, which runs a task and shows its log
            String name = "webui" + (System.currentTimeMillis() % 100_000);
            b.clickAndLoad(By.id("nav-datastores"));
            b.type("create:name", name);
            b.type("create:comment", "made in the browser");
            b.clickAndLoad(By.id("create:add"));
            b.waitForText(By.id("tasklog"), "TASK OK");
            b.clickAndLoad(By.id("nav-datastores"));
            assertTrue(b.text(By.id("stores")).contains(name));
            assertTrue(b.text(By.id("stores")).contains("store1"));
            b.screenshot("datastores");

            b.get("/datastore.xhtml?store=store1");
            assertTrue(b.text(By.id("counts")).contains("host"));
            b.screenshot("datastore");

            // Content: group → snapshot → files, download of a decoded blob
            b.get("/content.xhtml?store=store1");
            b.clickAndLoad(By.linkText("host/" + BACKUP_ID));
            b.screenshot("content-group");
            b.clickAndLoad(By.linkText("2023-11-14T22:13:20Z"));
            String files = b.text(By.id("files"));
            assertTrue(files.contains("root.pxar.didx") && files.contains("catalog.pcat1.didx"), files);
            b.type("snapshot:notes", "checked in the browser");
            b.clickAndLoad(By.id("snapshot:savenotes"));
            assertTrue(b.messages().contains("Notes saved."), b.messages().toString());
            assertEquals("checked in the browser", b.find(By.id("snapshot:notes")).getAttribute("value"));
            b.screenshot("content-snapshot");
            b.click(By.xpath("//table[@id='files']//tr[td/code[text()='index.json.blob']]//a[text()='Download']"));
            String manifest = Files.readString(b.downloaded("index.json"));
            assertTrue(manifest.contains("\"backup-id\"") && manifest.contains(BACKUP_ID), manifest);

            // Browse the pxar through its catalog and download one file
            b.clickAndLoad(By.linkText("Browse"));
            b.clickAndLoad(By.linkText("root.pxar.didx/"));
            assertTrue(b.text(By.id("catalog")).contains("hello.txt"));
            b.screenshot("browse");
            b.click(By.xpath("//table[@id='catalog']//tr[td[text()='hello.txt']]//a[contains(@class,'download')]"));
            assertEquals("hello world\n", Files.readString(b.downloaded("hello.txt"), StandardCharsets.UTF_8));

            // Content: verify the snapshot (a task), add and remove a namespace
            b.get("/content.xhtml?" + snapshotQuery());
            b.clickAndLoad(By.id("snapshot:verify"));
            b.waitForText(By.id("tasklog"), "TASK OK", Duration.ofSeconds(120));
            b.get("/content.xhtml?store=store1");
            b.type("nsactions:newns", "webui-ns");
            b.clickAndLoad(By.id("nsactions:addns"));
            assertTrue(b.messages().contains("Namespace 'webui-ns' created."), b.messages().toString());
            assertTrue(b.text(By.id("groups")).contains("webui-ns"));
            b.screenshot("content");
            b.clickConfirmed(By.xpath("//table[@id='groups']//tr[td/a[text()='webui-ns']]//input[@value='Remove Namespace']"));
            assertTrue(b.messages().contains("Namespace 'webui-ns' removed."), b.messages().toString());
            assertFalse(b.text(By.id("groups")).contains("webui-ns"));

            // Prune & GC: start GC and follow its log; the viewer updates itself over Ajax until the task ends
            b.get("/prunegc.xhtml?store=store1");
            b.clickAndLoad(By.id("gcform:startgc"));
            assertEquals("Task Viewer", b.h1().substring(0, "Task Viewer".length()));
            b.driver.executeScript("window.pbsjSamePage = true;");
            boolean wasRunning = b.text(By.id("task:statustext")).equals("running");
            if (wasRunning) {
                b.screenshot("task-log-running");
            }
            b.waitForText(By.id("tasklog"), "TASK OK", Duration.ofSeconds(120));
            b.waitForText(By.id("task:statustext"), "OK");
            assertTrue(b.text(By.id("tasklog")).contains("starting garbage collection on store store1"));
            assertEquals(Boolean.TRUE, b.driver.executeScript("return window.pbsjSamePage === true;"),
                    "the log was followed in place, not by reloading the page");
            if (wasRunning) {
                long polls = ((Number) b.driver.executeScript("return window.pbsjPolls || 0;")).longValue();
                assertTrue(polls > 0, "a running task's log is polled until it ends");
            }
            assertFalse(b.present(By.id("task:stop")), "no Stop button once the task ended");
            b.screenshot("task-log");

            // a prune job for the store: add, edit (Ajax fills the form), then the job list
            String prune = "webui-prune-" + name;
            b.get("/prunegc.xhtml?store=store1");
            b.type("addprune:id", prune);
            b.type("addprune:last", "3");
            b.type("addprune:daily", "7");
            b.clickAndLoad(By.id("addprune:add"));
            assertTrue(b.messages().contains("Prune job '" + prune + "' created."), b.messages().toString());
            assertTrue(b.text(By.id("prunejobs:jobs")).contains(prune));
            b.click(By.xpath("//table[@id='prunejobs:jobs']//tr[td[text()='" + prune + "']]//input[@value='Edit']"));
            b.waitForText(By.cssSelector("#addprune h3"), "Edit Prune Job " + prune);
            assertEquals("3", b.find(By.id("addprune:last")).getAttribute("value"));
            b.type("addprune:comment", "edited in the browser");
            b.clickAndLoad(By.id("addprune:add"));
            assertTrue(b.messages().contains("Prune job '" + prune + "' saved."), b.messages().toString());
            assertTrue(b.text(By.id("prunejobs:jobs")).contains("edited in the browser"));

            // prune simulation: every snapshot with keep/remove and the rule that keeps it
            b.type("simulate:last", "1");
            b.click(By.id("simulate:dryrun"));
            b.waitForText(By.id("simresult"), "keep-last");
            String sim = b.text(By.id("simtable"));
            assertTrue(sim.contains("host/" + BACKUP_ID) && sim.contains("2023-11-14T22:13:20Z"), sim);
            assertTrue(b.text(By.id("simresult")).contains("nothing removed"));
            b.screenshot("prune-gc");

            // a verify job: add, run now (its log), and its last run on the tab
            String verify = "webui-verify-" + name;
            b.clickAndLoad(By.id("tab-verifyjobs"));
            b.type("addverify:id", verify);
            b.clickAndLoad(By.id("addverify:add"));
            assertTrue(b.messages().contains("Verify job '" + verify + "' created."), b.messages().toString());
            b.clickAndLoad(By.xpath("//table[@id='verifyjobs:jobs']//tr[td[text()='" + verify + "']]//input[@value='Run now']"));
            b.waitForText(By.id("tasklog"), "TASK OK", Duration.ofSeconds(120));
            b.get("/verifyjobs.xhtml?store=store1");
            assertTrue(b.text(By.id("verifyjobs:jobs")).contains("OK"), b.text(By.id("verifyjobs:jobs")));
            b.screenshot("verify-jobs");

            // a remote (this server itself, pinned by its fingerprint) and a sync job pulling from it
            String remote = "webui-remote-" + name;
            String fingerprint = ItServer.fingerprint(ItServer.SEEN.get());
            b.clickAndLoad(By.id("nav-remotes"));
            b.type("editremote:name", remote);
            b.type("editremote:host", "localhost");
            b.type("editremote:port", String.valueOf(ItServer.PORT));
            b.type("editremote:authid", admin[0]);
            b.type("editremote:password", admin[1]);
            b.type("editremote:fingerprint", fingerprint);
            b.clickAndLoad(By.id("editremote:save"));
            assertTrue(b.messages().contains("Remote '" + remote + "' created."), b.messages().toString());
            assertTrue(b.text(By.id("remotes:list")).contains(fingerprint));
            b.screenshot("remotes");

            String sync = "webui-sync-" + name;
            b.get("/syncjobs.xhtml?store=" + name);
            b.type("addsync:id", sync);
            new org.openqa.selenium.support.ui.Select(b.find(By.id("addsync:remote"))).selectByValue(remote);
            b.type("addsync:remotestore", "store1");
            b.type("addsync:filter", "group:host/" + BACKUP_ID);
            b.clickAndLoad(By.id("addsync:add"));
            assertTrue(b.messages().contains("Sync job '" + sync + "' created."), b.messages().toString());
            b.clickAndLoad(By.xpath("//table[@id='syncjobs:jobs']//tr[td[text()='" + sync + "']]//input[@value='Run now']"));
            b.waitForText(By.id("tasklog"), "TASK OK", Duration.ofSeconds(180));
            b.get("/syncjobs.xhtml?store=" + name);
            assertTrue(b.text(By.id("syncjobs:jobs")).contains("OK"), b.text(By.id("syncjobs:jobs")));
            b.screenshot("sync-jobs");
            b.get("/content.xhtml?store=" + name);
            assertTrue(b.text(By.id("groups")).contains("host/" + BACKUP_ID), "the sync job pulled the group");

            // a server-side backup job: a directory of the server into the new datastore, run from the list
            Path served = Files.createDirectories(ItServer.HOME.resolve("webui-served-" + name).toAbsolutePath());
            Files.writeString(served.resolve("app.conf"), "served=true\n");
            String bjob = "bj-" + name;
            b.clickAndLoad(By.id("nav-backupjobs"));
            b.type("editjob:id", bjob);
            b.type("editjob:store", name);
            b.type("editjob:backupid", "served");
            b.type("editjob:sources", "app.pxar:" + served);
            b.clickAndLoad(By.id("editjob:save"));
            assertTrue(b.messages().contains("Backup job '" + bjob + "' created."), b.messages().toString());
            b.clickAndLoad(By.xpath("//table[@id='backupjobs:jobs']//tr[td[text()='" + bjob + "']]//input[@value='Run now']"));
            b.waitForText(By.id("tasklog"), "TASK OK", Duration.ofSeconds(180));
            b.clickAndLoad(By.id("nav-backupjobs"));
            assertTrue(b.text(By.id("backupjobs:jobs")).contains("OK"), b.text(By.id("backupjobs:jobs")));
            b.screenshot("backup-jobs");
            b.get("/content.xhtml?store=" + name);
            assertTrue(b.text(By.id("groups")).contains("host/served"), "the backup job made a snapshot");

            // Tasks: the list shows what happened, with filters
            b.clickAndLoad(By.id("nav-tasks"));
            String tasks = b.text(By.id("tasklist"));
            assertTrue(tasks.contains("Garbage collect store1") && tasks.contains("Create datastore " + name), tasks);
            b.type("filter:type", "garbage");
            b.click(By.id("filter:apply"));
            b.waitForText(By.id("tasklist"), "Garbage collect store1");
            assertFalse(b.text(By.id("tasklist")).contains("Create datastore"));
            b.screenshot("tasks");

            // Access Control: a user (add, edit), an API token (its secret shown once), recovery keys,
            // and a permission on the datastore's Permissions tab
            String editor = "webui-editor-" + name + "@pbs";
            b.clickAndLoad(By.id("nav-access"));
            assertTrue(b.text(By.id("userlist:users")).contains(admin[0]));
            b.type("useredit:userid", editor);
            b.type("useredit:password", "editor-pass-1");
            b.clickAndLoad(By.id("useredit:save"));
            assertTrue(b.messages().contains("User '" + editor + "' created."), b.messages().toString());
            b.click(By.xpath("//table[@id='userlist:users']//tr[td[text()='" + editor + "']]//input[@value='Edit']"));
            b.waitForText(By.cssSelector("#useredit h3"), "Edit User " + editor);
            b.type("useredit:email", "editor@example.com");
            b.type("useredit:comment", "edited in the browser");
            b.clickAndLoad(By.id("useredit:save"));
            assertTrue(b.messages().contains("User '" + editor + "' saved."), b.messages().toString());
            assertTrue(b.text(By.id("userlist:users")).contains("editor@example.com"));
            b.type("addtoken:user", editor);
            b.type("addtoken:name", "webui");
            b.clickAndLoad(By.id("addtoken:add"));
            assertEquals(editor + "!webui", b.text(By.id("tokenid")));
            assertTrue(b.text(By.id("tokensecret")).matches("[0-9a-f-]{36}"), b.text(By.id("tokensecret")));
            b.screenshot("access-control");
            b.get("/access.xhtml");
            assertFalse(b.present(By.id("tokensecret")), "the secret is shown once");
            assertTrue(b.text(By.id("tokenlist")).contains(editor + "!webui"));

            b.clickAndLoad(By.id("tab-tfa"));
            b.type("addrecovery:user", editor);
            b.type("addrecovery:password", admin[1]);
            b.clickAndLoad(By.id("addrecovery:add"));
            assertEquals(10, b.driver.findElements(By.cssSelector("ol.keys li")).size(), b.text(By.id("addrecovery")));
            assertTrue(b.text(By.id("tfa")).contains(editor));
            b.screenshot("tfa");

            b.get("/dspermissions.xhtml?store=store1");
            assertEquals("/datastore/store1", b.find(By.id("addacl:path")).getAttribute("value"));
            b.type("addacl:user", editor);
            b.clickAndLoad(By.id("addacl:add"));
            assertTrue(b.messages().contains("Permission added."), b.messages().toString());
            assertTrue(b.text(By.id("acls:list")).contains(editor));
            b.screenshot("datastore-permissions");
            b.clickAndLoad(By.id("nav-certificates"));
            assertEquals(ItServer.fingerprint(ItServer.SEEN.get()), b.text(By.id("fingerprint")));

            b.clickAndLoad(By.id("userform:logout"));
            assertTrue(b.driver.getCurrentUrl().endsWith("/login.xhtml"));
            assertEquals(302, b.statusWithSession("/index.xhtml"), "the session is gone after logout");
        }
    }

    @Test
    void userWithoutAclsSeesNothing() throws Exception {
        AccessIT.createUser("webui-nobody@pbs", "nobody-pass-1");
        try (Browser b = Browser.open(browser)) {
            b.login("webui-nobody", "nobody-pass-1");
            assertEquals("Dashboard", b.h1());
            String dashboard = b.text(By.cssSelector(".content"));
            assertFalse(dashboard.contains("store1"), dashboard);
            assertTrue(dashboard.contains("No datastores."), dashboard);
            b.clickAndLoad(By.id("nav-datastores"));
            assertTrue(b.find(By.id("nostores")).isDisplayed());
            assertFalse(b.text(By.cssSelector(".content")).contains("store1"));
            b.screenshot("no-rights-datastores");

            b.get("/content.xhtml?store=store1");
            assertFalse(b.messages().isEmpty(), "the service's refusal is shown");
            assertFalse(b.text(By.cssSelector(".content")).contains(BACKUP_ID));
            b.get("/content.xhtml?" + snapshotQuery());
            assertFalse(b.text(By.cssSelector(".content")).contains("root.pxar.didx"));
            assertEquals(403, b.statusWithSession("/download?" + snapshotQuery() + "&file=index.json.blob"));

            assertFalse(b.present(By.id("create:add")), "no Add Datastore");

            b.clickAndLoad(By.id("nav-tasks"));
            assertFalse(b.text(By.id("tasklist")).contains("Garbage collect"), "only own tasks");
            b.get("/datastore.xhtml?store=store1");
            assertFalse(b.messages().isEmpty());
            assertFalse(b.present(By.id("summary")));
            for (String tab : List.of("prunegc", "syncjobs", "verifyjobs", "dspermissions")) {
                b.get("/" + tab + ".xhtml?store=store1");
                String page = b.text(By.cssSelector(".content"));
                assertFalse(page.contains("webui-prune") || page.contains("webui-verify") || page.contains("webui-sync")
                        || page.contains("webui-editor"), tab + ": " + page);
                assertTrue(b.driver.findElements(By.cssSelector(".content input[type=submit]")).isEmpty(),
                        tab + " has no buttons for a user without rights");
                assertFalse(b.present(By.id("tab-prunegc")) || b.present(By.id("tab-permissions")), tab);
            }
            b.get("/content.xhtml?store=store1");
            assertTrue(b.driver.findElements(By.cssSelector(".content input[type=submit]")).isEmpty(), "no content buttons");

            assertFalse(b.present(By.id("nav-backupjobs")), "no Backup Jobs for a user without Sys.Audit on /");
            b.get("/backupjobs.xhtml");
            assertFalse(b.present(By.id("editjob:save")), "no Add Backup Job");
            assertFalse(b.text(By.cssSelector(".content")).contains("bj-webui"));
            b.clickAndLoad(By.id("nav-remotes"));
            assertFalse(b.present(By.id("editremote:save")), "no Add Remote");
            assertFalse(b.text(By.cssSelector(".content")).contains("webui-remote"));
            b.clickAndLoad(By.id("nav-access"));
            assertFalse(b.present(By.id("useredit:save")), "no Add User");
            assertFalse(b.present(By.cssSelector("input[value=Remove]")), "no Remove buttons");
            assertFalse(b.text(By.id("userlist:users")).contains(admin[0]), "only the user itself");
            b.clickAndLoad(By.id("tab-permissions"));
            assertFalse(b.present(By.id("addacl:add")));
            assertFalse(b.text(By.cssSelector(".content")).contains("/datastore/store1"));
            b.screenshot("no-rights-access");
        }
        try (Browser b = Browser.open(browser)) {
            b.get("/download?" + snapshotQuery() + "&file=index.json.blob");
            assertTrue(b.driver.getCurrentUrl().endsWith("/login.xhtml"), "no session, no download");
        }
    }

    @Test
    void secondFactorLogin() throws Exception {
        AccessIT.createUser("webui-tfa@pbs", "tfa-pass-1");
        AccessIT.Session s = AccessIT.session(AccessIT.loginData("webui-tfa@pbs", "tfa-pass-1"));
        String uri = "otpauth://totp/webui-tfa?secret=" + AccessIT.TOTP_SECRET + "&issuer=pbsj";
        ItServer.Reply add = ItServer.send(s.on(AccessIT.json("POST", "access/tfa/webui-tfa@pbs",
                Json.compact(AccessIT.m("type", "totp", "description", "phone", "totp", uri, "value", AccessIT.totp(0),
                        "password", "tfa-pass-1")))));
        assertEquals(200, add.status(), add.body());
        try (Browser b = Browser.open(browser)) {
            b.login("webui-tfa", "tfa-pass-1");
            assertTrue(b.text(By.id("tfa")).contains("Second login factor required for webui-tfa@pbs"));
            assertEquals(302, b.statusWithSession("/index.xhtml"), "a password alone is no login");
            b.screenshot("login-tfa");
            b.type("tfa:code", "000000".equals(AccessIT.totp(1)) ? "111111" : "000000");
            b.clickAndLoad(By.id("tfa:verify"));
            assertFalse(b.messages().isEmpty(), "a wrong code is refused");
            b.type("tfa:code", AccessIT.totp(1));
            b.clickAndLoad(By.id("tfa:verify"));
            assertEquals("Dashboard", b.h1());
            assertEquals("webui-tfa@pbs", b.text(By.cssSelector(".userid")));
            List<String> none = b.messages();
            assertTrue(none.isEmpty(), none.toString());
        }
    }
}
