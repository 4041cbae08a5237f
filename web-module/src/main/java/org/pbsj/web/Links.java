package org.pbsj.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;

/** Query strings of the views and of the download servlet ({@code #{links.download(...)}}). */
@Named
@ApplicationScoped
public class Links {
    static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    /** The outcome that shows a task's log (after an action started the task). */
    static String task(String upid) {
        return "task?faces-redirect=true&upid=" + enc(upid);
    }

    /** The outcome that reloads a datastore tab ({@code page}) after an action. */
    static String tab(String page, String store) {
        return page + "?faces-redirect=true&store=" + enc(store);
    }

    /** Selector parameters of a group, or of a snapshot when {@code time} is not null. */
    static String selector(String store, BackupGroup g, Long time) {
        StringBuilder sb = new StringBuilder("store=").append(enc(store));
        if (!g.ns().isRoot()) {
            sb.append("&ns=").append(enc(g.ns().toString()));
        }
        sb.append("&type=").append(g.type().value()).append("&id=").append(enc(g.id()));
        if (time != null) {
            sb.append("&time=").append(time);
        }
        return sb.toString();
    }

    /** {@code /download?...&file=} of a snapshot file (decoded). */
    public String download(String contextPath, String store, BackupDir d, String file) {
        return contextPath + "/download?" + selector(store, d.group(), d.time()) + "&file=" + enc(file);
    }

    /** {@code /download?...&filepath=} of a file inside a pxar archive (base64 path of the catalog). */
    public String pxarDownload(String contextPath, String store, BackupDir d, String filepath) {
        return contextPath + "/download?" + selector(store, d.group(), d.time()) + "&filepath=" + enc(filepath);
    }
}
