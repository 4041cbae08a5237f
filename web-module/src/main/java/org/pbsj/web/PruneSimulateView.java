package org.pbsj.web;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.prune.KeepOptions;
import org.pbsj.server.application.JobConfigs;
import org.pbsj.server.application.PruneService;

/**
 * "Prune Datastore" on the Prune &amp; GC tab: keep options for a namespace, "Dry Run" (every
 * snapshot with keep or remove and the rule that keeps it, from {@link PruneService#simulate})
 * and "Prune" (a {@code prune} task). The rules are the service's and core's.
 */
@Named
@ViewScoped
public class PruneSimulateView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    UserSession session;
    @Inject
    PruneService prune;

    private String store;
    private final PruneJobForm keep = new PruneJobForm();
    private Integer maxDepth;
    private List<PruneService.Simulated> result;

    public void simulate() {
        result = Messages.orElse(() -> prune.simulate(session.caller(), store, DatastoresView.blankToNull(keep.getNs()),
                maxDepth, options()), null);
    }

    public String run() {
        return Messages.run(() -> Links.task(prune.startDatastore(session.caller(), store,
                DatastoresView.blankToNull(keep.getNs()), maxDepth, options(), false)));
    }

    private KeepOptions options() {
        return JobConfigs.keepOptions(keep.getKeepLast(), keep.getKeepHourly(), keep.getKeepDaily(),
                keep.getKeepWeekly(), keep.getKeepMonthly(), keep.getKeepYearly());
    }

    public long getKept() {
        return result == null ? 0 : result.stream().filter(PruneService.Simulated::keep).count();
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public PruneJobForm getKeep() {
        return keep;
    }

    public Integer getMaxDepth() {
        return maxDepth;
    }

    public void setMaxDepth(Integer maxDepth) {
        this.maxDepth = maxDepth;
    }

    public List<PruneService.Simulated> getResult() {
        return result;
    }
}
