package org.pbsj.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.server.application.SnapshotListService;
import org.pbsj.server.application.SnapshotSelector;

/** The JSON shapes of {@code rest-api.md} §3 (GroupListItem, SnapshotListItem, BackupContent). */
final class SnapshotJson {
    private SnapshotJson() {
    }

    /** {@code ns}, {@code backup-type}, {@code backup-id}, {@code backup-time} of a request. */
    static SnapshotSelector selector(String store, Params p) {
        return new SnapshotSelector(store, p.string("ns"), p.string("backup-type"), p.string("backup-id"),
                p.integer("backup-time"));
    }

    static Map<String, Object> group(BackupGroup g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backup-type", g.type().value());
        m.put("backup-id", g.id());
        return m;
    }

    static Map<String, Object> dir(BackupDir d) {
        Map<String, Object> m = group(d.group());
        m.put("backup-time", d.time());
        return m;
    }

    static Map<String, Object> groupItem(SnapshotListService.GroupItem g) {
        Map<String, Object> m = group(g.group());
        m.put("last-backup", g.lastBackup());
        m.put("backup-count", g.backupCount());
        m.put("files", g.files());
        m.put("owner", g.owner());
        m.put("comment", g.comment());
        return m;
    }

    static Map<String, Object> snapshotItem(SnapshotListService.SnapshotItem s) {
        Map<String, Object> m = dir(s.dir());
        m.put("comment", s.comment());
        if (s.verification() != null) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("upid", s.verification().upid());
            v.put("state", s.verification().state());
            m.put("verification", v);
        }
        m.put("fingerprint", s.fingerprint());
        m.put("files", contents(s.files()));
        m.put("size", s.size());
        m.put("owner", s.owner());
        m.put("protected", s.isProtected());
        return m;
    }

    static List<Object> contents(List<SnapshotListService.Content> files) {
        return files.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("filename", c.filename());
            m.put("crypt-mode", c.cryptMode());
            m.put("size", c.size());
            return (Object) m;
        }).toList();
    }
}
