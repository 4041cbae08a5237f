package org.pbsj.server.application;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

/**
 * In-process state of the datastore jobs: the task handles that the request which started a
 * batch job hands over to the job's thread (by UPID), and the reservations that allow only one
 * job of a kind at a time (PBS's GC mutex: one GC per datastore). Bean-managed concurrency over
 * concurrent collections; nothing here needs to survive a restart.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class JobRegistry {
    private final ConcurrentMap<String, TaskHandle> handles = new ConcurrentHashMap<>();
    private final Set<String> reserved = ConcurrentHashMap.newKeySet();

    /** Takes a reservation such as {@code gc/store1}; false if someone holds it. */
    public boolean reserve(String key) {
        return reserved.add(key);
    }

    public void release(String key) {
        if (key != null) {
            reserved.remove(key);
        }
    }

    public boolean isReserved(String key) {
        return reserved.contains(key);
    }

    public void register(TaskHandle handle) {
        handles.put(handle.upid().toString(), handle);
    }

    /** The handle of a task started by this server process, if it is still known. */
    public Optional<TaskHandle> handle(String upid) {
        return Optional.ofNullable(upid == null ? null : handles.get(upid));
    }

    public void forget(String upid) {
        if (upid != null) {
            handles.remove(upid);
        }
    }
}
