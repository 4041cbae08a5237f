package org.pbsj.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.pbsj.core.task.TaskState;
import org.pbsj.core.task.Upid;
import org.pbsj.server.application.AuthService;
import org.pbsj.server.application.ServiceException;
import org.pbsj.server.application.JobRestartService;
import org.pbsj.server.application.TaskService;
import org.pbsj.server.domain.TaskFilter;

/** {@code /nodes/{node}/tasks} ({@code rest-api.md} §6.3): the task list, status, log and abort. */
@Path("/nodes/{node}/tasks")
@RequestScoped
public class TasksResource {
    private static final DateTimeFormatter UTC_RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    @Inject
    TaskService tasks;
    @Inject
    JobRestartService restarts;
    @Context
    UriInfo uri;
    @Context
    HttpServletRequest request;

    @GET
    public Response list(@PathParam("node") String node) {
        checkNode(node);
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        Params p = Params.of(query, null, null).allow("start", "limit", "store", "running", "errors",
                "userfilter", "since", "until", "typefilter", "statusfilter");
        TaskFilter filter = new TaskFilter(null, false, p.string("store"), flag(p, "running"), flag(p, "errors"),
                p.string("userfilter"), p.string("typefilter"), p.integer("since"), p.integer("until"),
                statusFilter(query.get("statusfilter")));
        TaskService.TaskPage page = tasks.list(caller(), filter, (int) bounded(p, "start", 0),
                (int) bounded(p, "limit", 50));
        List<Object> out = new ArrayList<>();
        for (TaskService.TaskInfo t : page.tasks()) {
            Upid u = t.upid();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("upid", u.toString());
            m.put("node", "localhost"); // as PBS's TaskListItem has it
            m.put("pid", u.pid());
            m.put("pstart", u.pstart());
            m.put("starttime", u.starttime());
            m.put("worker_type", u.workerType());
            m.put("worker_id", u.workerId() == null ? JsonValue.NULL : u.workerId());
            m.put("user", u.authId());
            m.put("endtime", t.endtime());
            m.put("status", t.state() == null ? null : t.state().text());
            out.add(m);
        }
        return Envelope.ok(out, Map.of("total", page.total()));
    }

    @GET
    @Path("{upid}")
    public Response subdirs(@PathParam("node") String node, @PathParam("upid") String upid) {
        checkNode(node);
        tasks.status(caller(), upid);
        return Envelope.ok(List.of(Map.of("subdir", "log"), Map.of("subdir", "status")));
    }

    @GET
    @Path("{upid}/status")
    public Response status(@PathParam("node") String node, @PathParam("upid") String upid) {
        checkNode(node);
        Params.of(uri.getQueryParameters(), null, null).allow();
        TaskService.TaskInfo t = tasks.status(caller(), upid);
        Upid u = t.upid();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("upid", upid);
        m.put("node", u.node());
        m.put("pid", u.pid());
        m.put("pstart", u.pstart());
        m.put("starttime", u.starttime());
        m.put("type", u.workerType());
        m.put("id", u.workerId());
        m.put("user", u.userid());
        m.put("tokenid", u.tokenName());
        m.put("status", t.isRunning() ? "running" : "stopped");
        m.put("exitstatus", t.isRunning() ? null : t.state().text());
        return Envelope.ok(m);
    }

    /** Not the standard envelope: {@code {"data":[{"n","t"}],"total","success":1,"active"?}}, or the file. */
    @GET
    @Path("{upid}/log")
    public Response log(@PathParam("node") String node, @PathParam("upid") String upid) {
        checkNode(node);
        Params p = Params.of(uri.getQueryParameters(), null, null).allow("start", "limit", "test-status", "download");
        if (flag(p, "download")) {
            if (p.string("start") != null || p.string("limit") != null || p.string("test-status") != null) {
                throw ServiceException.badRequest("Parameter 'download' cannot be used with other parameters");
            }
            java.nio.file.Path file = tasks.logFile(caller(), upid); // checks access and the UPID's syntax
            Upid u = Upid.parse(upid);
            String name = "task-" + u.node() + "-" + u.workerType() + "-"
                    + UTC_RFC3339.format(Instant.ofEpochSecond(u.starttime()).atOffset(ZoneOffset.UTC)) + ".log";
            return Response.ok(file.toFile(), "text/plain")
                    .header("Content-Disposition", "attachment; filename=" + name).build();
        }
        TaskService.LogPage page = tasks.readLog(caller(), upid, bounded(p, "start", 0), bounded(p, "limit", 50));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", page.lines().stream()
                .map(l -> (Object) Map.of("n", l.n(), "t", l.text())).toList());
        out.put("total", page.total());
        out.put("success", 1);
        if (flag(p, "test-status")) {
            out.put("active", page.active());
        }
        return Response.ok(Envelope.toJson(out).toString(), Envelope.JSON_UTF8).build();
    }

    @DELETE
    @Path("{upid}")
    public Response stop(@PathParam("node") String node, @PathParam("upid") String upid) {
        checkNode(node);
        Params.of(uri.getQueryParameters(), null, null).allow();
        tasks.stop(caller(), upid);
        return Envelope.ok(null);
    }

    /**
     * Restarts the batch job of a task that did not finish (pbsj: the server was killed, or the job
     * failed or was stopped); it continues from its last checkpoint. Returns the new task's UPID.
     */
    @POST
    @Path("{upid}/restart")
    @jakarta.ws.rs.Consumes(jakarta.ws.rs.core.MediaType.WILDCARD)
    public Response restart(@PathParam("node") String node, @PathParam("upid") String upid, String body) {
        checkNode(node);
        Params.of(uri.getQueryParameters(), null, null).allow();
        return Envelope.ok(restarts.restart(caller(), upid));
    }

    private AuthService.Caller caller() {
        return AuthFilter.caller(request);
    }

    /** {node} is this host's name or {@code localhost}: there is no cluster. */
    private void checkNode(String node) {
        if (!"localhost".equals(node) && !tasks.nodeName().equals(node)) {
            throw ServiceException.notFound("no such node '" + node + "'");
        }
    }

    private static boolean flag(Params p, String name) {
        Boolean b = p.bool(name);
        return b != null && b;
    }

    private static long bounded(Params p, String name, long dflt) {
        Long v = p.integer(name);
        if (v == null) {
            return dflt;
        }
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw ServiceException.badRequest("parameter verification errors\n\n" + name + ": value must be at least 0");
        }
        return v;
    }

    /** {@code statusfilter} is an array: repeated keys (a comma-separated list is accepted too). */
    static Set<TaskState.Kind> statusFilter(List<String> values) {
        Set<TaskState.Kind> kinds = new LinkedHashSet<>();
        if (values != null) {
            for (String v : values) {
                for (String name : v.split(",")) {
                    if (name.isBlank()) {
                        continue;
                    }
                    try {
                        kinds.add(TaskState.Kind.byFilterName(name.strip()));
                    } catch (IllegalArgumentException e) {
                        throw ServiceException.badRequest("parameter verification errors\n\nstatusfilter: value '"
                                + name + "' is not one of ok, warning, error, unknown");
                    }
                }
            }
        }
        return kinds;
    }
}
