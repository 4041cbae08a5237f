package org.pbsj.server.application;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.store.StoreException;
import org.pbsj.server.domain.DatastoreConfig;
import org.pbsj.server.infrastructure.ServerEnvironment;

/**
 * Owns the open datastores (and so their chunk stores and process locks): one {@link Datastore}
 * per configured name for the life of the application, shared by sessions and jobs.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DatastoreRegistry {
    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    ServerEnvironment env;

    private final ConcurrentMap<String, Datastore> open = new ConcurrentHashMap<>();

    /** The datastore for a read or write operation; 404 if it is not configured. */
    public Datastore lookup(String name) {
        Datastore ds = open.get(name);
        if (ds != null) {
            return ds;
        }
        DatastoreConfig cfg = em.find(DatastoreConfig.class, name);
        if (cfg == null) {
            throw ServiceException.notFound("datastore '" + name + "' does not exist");
        }
        return open.computeIfAbsent(name, n -> {
            try {
                return Datastore.open(n, Path.of(cfg.getPath()), env.datastoreOptions());
            } catch (StoreException e) {
                throw new ServiceException(ServiceException.Kind.INTERNAL,
                        "datastore '" + n + "' cannot be opened: " + e.getMessage(), e);
            }
        });
    }

    @PreDestroy
    void closeAll() {
        open.values().forEach(Datastore::close);
        open.clear();
    }
}
