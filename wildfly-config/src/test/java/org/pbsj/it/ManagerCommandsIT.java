package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pbsj.client.cli.ManagerMain;

/** pbs-manager's operator commands against the running server, as an operator types them. */
class ManagerCommandsIT {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private String run(String... args) {
        out.reset();
        err.reset();
        ManagerMain manager = new ManagerMain(Map.of("PBSJ_HOME", ItServer.HOME.toString(),
                "PBSJ_PORT", String.valueOf(ItServer.PORT)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = manager.run(args);
        assertEquals(0, exit, String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void datastoreUserAclAndJobsFromTheCommandLine() throws Exception {
        String dir = ItServer.HOME.resolve("datastores-extra/mgrstore").toAbsolutePath().toString();
        run("datastore", "create", "mgrstore", dir);
        assertTrue(run("datastore", "list").contains("mgrstore"));
        run("user", "create", "mgr-user@pbs", "--password", "mgr-password-1");
        run("acl", "update", "/datastore/mgrstore", "DatastoreBackup", "--auth-id", "mgr-user@pbs");
        String acls = run("acl", "list", "--path", "/datastore/mgrstore", "--output-format", "json");
        assertTrue(acls.contains("\"ugid\":\"mgr-user@pbs\""), acls);

        String upid = run("garbage-collection", "start", "mgrstore").trim();
        assertTrue(upid.startsWith("UPID:") && upid.contains(":garbage_collection:"), upid);
        run("task", "log", upid);
        assertTrue(run("garbage-collection", "status", "mgrstore", "--output-format", "json").contains("disk-chunks"));

        run("verify-job", "create", "mgr-verify", "--store", "mgrstore", "--schedule", "daily");
        run("prune-job", "create", "mgr-prune", "--store", "mgrstore", "--schedule", "weekly", "--keep-last", "3");
        assertTrue(run("verify-job", "list").contains("mgr-verify"));
        assertTrue(run("prune-job", "show", "mgr-prune", "--output-format", "json").contains("\"keep-last\":3"));
        String verifyUpid = run("verify-job", "run", "mgr-verify").trim();
        assertTrue(verifyUpid.startsWith("UPID:"), verifyUpid);
        run("task", "log", verifyUpid);
        run("prune-job", "remove", "mgr-prune");
        assertTrue(!run("prune-job", "list").contains("mgr-prune"));

        java.nio.file.Path src = java.nio.file.Files.createDirectories(
                ItServer.HOME.resolve("mgr-backup-src").toAbsolutePath());
        java.nio.file.Files.writeString(src.resolve("app.conf"), "key=value\n");
        run("backup-job", "create", "mgr-backup", "--store", "mgrstore", "--backup-id", "mgr-app",
                "--source", "app.pxar:" + src, "--schedule", "daily");
        assertTrue(run("backup-job", "list").contains("mgr-backup"));
        String backupUpid = run("backup-job", "run", "mgr-backup").trim();
        assertTrue(backupUpid.contains(":backupjob:mgr\\x2dbackup:"), backupUpid);
        String backupLog = run("task", "log", backupUpid);
        assertTrue(backupLog.contains("Upload directory"), backupLog);
        run("backup-job", "remove", "mgr-backup");
        assertTrue(!run("backup-job", "list").contains("mgr-backup"));
    }
}
