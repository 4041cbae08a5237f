package org.pbsj.server.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.task.TaskLogFile;
import org.pbsj.core.task.TaskLogFormat;
import org.pbsj.core.task.TaskState;
import org.pbsj.core.task.Upid;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.domain.TaskFilter;
import org.pbsj.server.domain.TaskRecord;
import org.pbsj.server.infrastructure.ProcessIdentity;
import org.pbsj.server.infrastructure.ServerEnvironment;
import org.pbsj.server.infrastructure.TaskRepository;

/**
 * PBS worker tasks ({@code rest-api.md} §6): UPIDs, the task list (rows), the task logs (files in
 * PBS's layout under {@code <data dir>/tasks}), abort requests and the access rules. Bean-managed
 * concurrency: the state is a concurrent map of running tasks and an atomic counter.
 *
 * <p>Task rows are written in their own transactions, so that a task stays listed, with its
 * error, when the work it logs rolls back.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TaskService {
    static final String ACL_PATH = "/system/tasks";
    private static final Logger LOG = Logger.getLogger(TaskService.class.getName());

    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    ServerEnvironment env;
    @Inject
    Clock clock;
    @Inject
    PermissionService permissions;
    @Resource
    SessionContext context;

    private final ConcurrentMap<String, TaskHandle> running = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final ZoneId zone = ZoneId.systemDefault();
    private ProcessIdentity process;

    /** A task as the list and the status call show it; endtime and state are null while it runs. */
    public record TaskInfo(Upid upid, Long endtime, TaskState state) {
        public boolean isRunning() {
            return state == null;
        }
    }

    /** A page of the task list and PBS's {@code total}: start + returned (+1 if more exist). */
    public record TaskPage(List<TaskInfo> tasks, long total) {
    }

    /** The log lines asked for, and whether the task still runs. */
    public record LogPage(List<TaskLogFile.Line> lines, long total, boolean active) {
    }

    /**
     * Marks the tasks a previous server left running as stopped: they died with it. Their state
     * is read from the last log line (normally {@code unknown}).
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    void init() {
        process = ProcessIdentity.current();
        TaskRepository repo = new TaskRepository(em);
        counter.set(repo.maxTaskId(process.pid(), process.pstart()) + 1);
        for (TaskRecord r : repo.running()) {
            TaskState state = stateFromLog(r.toUpid());
            r.stop(state);
            LOG.info(() -> "task " + r.getUpid() + " of an earlier server process stopped: " + state.text());
        }
    }

    @PreDestroy
    void shutdown() {
        // rows stay "running"; the next start marks them stopped, as PBS does for a dead daemon
        running.values().forEach(TaskHandle::abandon);
        running.clear();
    }

    public String nodeName() {
        return process.node();
    }

    /** Starts a task: a new UPID, its row and its (empty) log file. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public TaskHandle start(String workerType, String workerId, String authId, String store) {
        Upid upid = new Upid(process.node(), process.pid(), process.pstart(), counter.getAndIncrement(),
                clock.instant().getEpochSecond(), workerType, workerId, authId);
        TaskLogFile log;
        try {
            log = TaskLogFile.create(tasksDir(), upid, clock, zone);
        } catch (UncheckedIOException e) {
            throw new ServiceException(ServiceException.Kind.INTERNAL, "cannot start task: " + e.getMessage(), e);
        }
        em.persist(new TaskRecord(upid, store));
        String key = upid.toString();
        TaskService self = context.getBusinessObject(TaskService.class);
        TaskHandle handle = new TaskHandle(upid, log, clock, state -> {
            running.remove(key);
            self.complete(key, state);
        });
        running.put(key, handle);
        return handle;
    }

    /** Stores the end of a task; called by its {@link TaskHandle}, not by workers. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void complete(String upid, TaskState state) {
        TaskRecord r = em.find(TaskRecord.class, upid);
        if (r != null && r.isRunning()) {
            r.stop(state);
        }
    }

    /** The task list: all tasks with Sys.Audit on /system/tasks, else the caller's own (a user's: with its tokens'). */
    public TaskPage list(AuthService.Caller caller, TaskFilter filter, int start, int limit) {
        TaskFilter f = canSeeAll(caller) ? filter : filter.ownedBy(caller.authId(), !caller.isToken());
        // one more than asked tells whether more exist
        List<TaskRecord> rows = new TaskRepository(em).list(f, start, limit == 0 ? 0 : limit + 1);
        boolean more = limit > 0 && rows.size() > limit;
        List<TaskInfo> tasks = (more ? rows.subList(0, limit) : rows).stream().map(TaskService::info).toList();
        return new TaskPage(tasks, (long) start + tasks.size() + (more ? 1 : 0));
    }

    public TaskInfo status(AuthService.Caller caller, String upid) {
        return info(accessible(caller, upid));
    }

    /** Lines {@code >= start} (1-based), at most {@code limit} (0 = all). */
    public LogPage readLog(AuthService.Caller caller, String upid, long start, long limit) {
        TaskRecord r = accessible(caller, upid);
        try {
            TaskLogFile.Page page = TaskLogFile.read(logFile(r.toUpid()), start, limit);
            return new LogPage(page.lines(), page.total(), r.isRunning());
        } catch (NoSuchFileException e) {
            throw ServiceException.notFound("task log of '" + upid + "' not found");
        } catch (IOException e) {
            throw new ServiceException(ServiceException.Kind.INTERNAL, "cannot read task log: " + e.getMessage(), e);
        }
    }

    /** The log file to download whole, after the access check. */
    public Path logFile(AuthService.Caller caller, String upid) {
        Path file = logFile(accessible(caller, upid).toUpid());
        if (!Files.isRegularFile(file)) {
            throw ServiceException.notFound("task log of '" + upid + "' not found");
        }
        return file;
    }

    /** Requests an abort: own tasks, or anyone's with Sys.Modify on /system/tasks. A stopped task stays as it is. */
    public void stop(AuthService.Caller caller, String upid) {
        TaskRecord r = find(upid);
        if (!r.getAuthId().equals(caller.authId())) {
            permissions.require(caller, ACL_PATH, Privilege.SYS_MODIFY);
        }
        TaskHandle handle = running.get(r.getUpid());
        if (handle != null) {
            handle.requestAbort();
        }
    }

    private TaskRecord accessible(AuthService.Caller caller, String upid) {
        TaskRecord r = find(upid);
        if (!canSee(caller, r.getAuthId()) && !canSeeAll(caller)) {
            throw new ServiceException(ServiceException.Kind.FORBIDDEN, "task access not allowed");
        }
        return r;
    }

    /** The owner sees a task, and so does the user of the token that started it ({@code check_task_access}). */
    static boolean canSee(AuthService.Caller caller, String taskAuthId) {
        return caller.authId().equals(taskAuthId)
                || (!caller.isToken() && new AuthService.Caller(taskAuthId).userid().equals(caller.authId()));
    }

    private boolean canSeeAll(AuthService.Caller caller) {
        return permissions.privileges(caller, ACL_PATH).hasAll(Privilege.mask(Privilege.SYS_AUDIT));
    }

    private TaskRecord find(String upid) {
        String key;
        try {
            key = Upid.parse(upid).toString(); // canonical form: uppercase hex, 8 digits
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest("parameter verification errors\n\nupid: " + e.getMessage());
        }
        TaskRecord r = em.find(TaskRecord.class, key);
        if (r == null) {
            throw ServiceException.notFound("no such task '" + upid + "'");
        }
        return r;
    }

    private static TaskInfo info(TaskRecord r) {
        return new TaskInfo(r.toUpid(), r.getEndtime(), r.state());
    }

    private TaskState stateFromLog(Upid upid) {
        try {
            Optional<String> last = TaskLogFile.lastLine(logFile(upid));
            return TaskLogFormat.stateFromLastLine(last.orElse(null), upid.starttime());
        } catch (IOException e) {
            return TaskState.unknown(upid.starttime());
        }
    }

    private Path tasksDir() {
        return env.dataDir().resolve("tasks");
    }

    private Path logFile(Upid upid) {
        return TaskLogFile.path(tasksDir(), upid);
    }
}
