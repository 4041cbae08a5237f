package org.pbsj.server.application;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pbsj.server.domain.SyncJobConfig;

/**
 * A sync job's parameters as the API shows and takes them ({@code rest-api.md} §4.5
 * {@code /config/sync}, and {@code POST /pull} and {@code /push} without id and schedule); null =
 * not set (or unchanged on update). Rates in bytes per second. {@code syncDirection} (PBS 3.3)
 * is {@code pull} (default) or {@code push}; for a push {@code store}/{@code ns} are the local
 * source and {@code remote-store}/{@code remote-ns} the target on the remote.
 */
public record SyncRequest(String id, String store, String ns, String owner, String remote, String remoteStore,
        String remoteNs, Boolean removeVanished, Integer maxDepth, String comment, String schedule,
        List<String> groupFilter, Long rateIn, Long burstIn, Long rateOut, Long burstOut, Integer transferLast,
        String syncDirection) {
    public static final String PULL = "pull";
    public static final String PUSH = "push";

    /** A pull job (the parameters before PBS 3.3 added {@code sync-direction}). */
    public SyncRequest(String id, String store, String ns, String owner, String remote, String remoteStore,
            String remoteNs, Boolean removeVanished, Integer maxDepth, String comment, String schedule,
            List<String> groupFilter, Long rateIn, Long burstIn, Long rateOut, Long burstOut, Integer transferLast) {
        this(id, store, ns, owner, remote, remoteStore, remoteNs, removeVanished, maxDepth, comment, schedule, groupFilter,
                rateIn, burstIn, rateOut, burstOut, transferLast, null);
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGTP]?i?B?)?", Pattern.CASE_INSENSITIVE);

    static SyncRequest of(SyncJobConfig c) {
        List<String> filters = c.getGroupFilter() == null || c.getGroupFilter().isEmpty() ? null
                : List.of(c.getGroupFilter().split("\n"));
        return new SyncRequest(c.getId(), c.getStore(), c.getNs(), c.getOwner(), c.getRemote(), c.getRemoteStore(),
                c.getRemoteNs(), c.getRemoveVanished(), c.getMaxDepth(), c.getComment(), c.getSchedule(), filters,
                c.getRateIn(), c.getBurstIn(), c.getRateOut(), c.getBurstOut(), c.getTransferLast(), c.getSyncDirection());
    }

    /** True for {@code sync-direction push}. */
    public boolean isPush() {
        return PUSH.equals(syncDirection);
    }

    /** This request with another direction ({@code POST /push} sets it). */
    public SyncRequest withDirection(String direction) {
        return new SyncRequest(id, store, ns, owner, remote, remoteStore, remoteNs, removeVanished, maxDepth, comment,
                schedule, groupFilter, rateIn, burstIn, rateOut, burstOut, transferLast, direction);
    }

    /** The job owner: {@code owner}, default {@code root@pam}. */
    public String effectiveOwner() {
        return owner == null || owner.isEmpty() ? "root@pam" : owner;
    }

    public boolean isRemoveVanished() {
        return Boolean.TRUE.equals(removeVanished);
    }

    void applyTo(SyncJobConfig c, Set<String> delete) {
        if (store != null) c.setStore(store);
        if (ns != null) c.setNs(ns.isEmpty() ? null : ns);
        if (owner != null) c.setOwner(owner.isEmpty() ? null : owner);
        if (remote != null) c.setRemote(remote.isEmpty() ? null : remote);
        if (remoteStore != null) c.setRemoteStore(remoteStore);
        if (remoteNs != null) c.setRemoteNs(remoteNs.isEmpty() ? null : remoteNs);
        if (removeVanished != null) c.setRemoveVanished(removeVanished);
        if (maxDepth != null) c.setMaxDepth(maxDepth);
        if (comment != null) c.setComment(comment.isEmpty() ? null : comment);
        if (schedule != null) c.setSchedule(schedule.isEmpty() ? null : schedule);
        if (groupFilter != null) c.setGroupFilter(groupFilter.isEmpty() ? null : String.join("\n", groupFilter));
        if (rateIn != null) c.setRateIn(rateIn);
        if (burstIn != null) c.setBurstIn(burstIn);
        if (rateOut != null) c.setRateOut(rateOut);
        if (burstOut != null) c.setBurstOut(burstOut);
        if (transferLast != null) c.setTransferLast(transferLast);
        if (syncDirection != null) c.setSyncDirection(syncDirection.isEmpty() ? null : syncDirection);
        for (String d : delete == null ? Set.<String>of() : delete) {
            switch (d) {
                case "ns" -> c.setNs(null);
                case "owner" -> c.setOwner(null);
                case "remote" -> c.setRemote(null);
                case "remote-ns" -> c.setRemoteNs(null);
                case "remove-vanished" -> c.setRemoveVanished(null);
                case "max-depth" -> c.setMaxDepth(null);
                case "comment" -> c.setComment(null);
                case "schedule" -> c.setSchedule(null);
                case "group-filter" -> c.setGroupFilter(null);
                case "rate-in" -> c.setRateIn(null);
                case "burst-in" -> c.setBurstIn(null);
                case "rate-out" -> c.setRateOut(null);
                case "burst-out" -> c.setBurstOut(null);
                case "transfer-last" -> c.setTransferLast(null);
                case "sync-direction" -> c.setSyncDirection(null);
                default -> throw ServiceException.badRequest("parameter verification errors\n\ndelete: unknown property '"
                        + d + "'");
            }
        }
    }

    /** The batch job's parameters. */
    Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("store", store);
        p.put("ns", nz(ns));
        p.put("remote", nz(remote));
        p.put("remote-store", remoteStore);
        p.put("remote-ns", nz(remoteNs));
        p.put("owner", effectiveOwner());
        p.put("remove-vanished", Boolean.toString(isRemoveVanished()));
        p.put("max-depth", maxDepth == null ? "" : maxDepth.toString());
        p.put("group-filter", groupFilter == null ? "" : String.join("\n", groupFilter));
        p.put("rate-in", rateIn == null ? "" : rateIn.toString());
        p.put("burst-in", burstIn == null ? "" : burstIn.toString());
        p.put("transfer-last", transferLast == null ? "" : transferLast.toString());
        p.put("rate-out", rateOut == null ? "" : rateOut.toString());
        p.put("burst-out", burstOut == null ? "" : burstOut.toString());
        p.put("sync-direction", isPush() ? PUSH : PULL);
        return p;
    }

    /**
     * A byte size as PBS's {@code HumanByte} accepts it: {@code 1048576}, {@code 10MiB},
     * {@code 1.5 GB}; null stays null.
     */
    public static Long parseSize(String param, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher m = SIZE.matcher(value.strip());
        if (!m.matches()) {
            throw ServiceException.badRequest("parameter verification errors\n\n" + param + ": not a byte size: " + value);
        }
        String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
        boolean binary = unit.contains("I");
        int power = unit.isEmpty() || unit.equals("B") ? 0 : "KMGTP".indexOf(unit.charAt(0)) + 1;
        double factor = Math.pow(binary ? 1024 : 1000, power);
        return (long) (Double.parseDouble(m.group(1)) * factor);
    }

    @Override
    public String toString() { // the digest's canonical text
        return String.join("|", Arrays.asList(id, store, ns, owner, remote, remoteStore, remoteNs, String.valueOf(removeVanished),
                String.valueOf(maxDepth), comment, schedule, String.valueOf(groupFilter), String.valueOf(rateIn),
                String.valueOf(burstIn), String.valueOf(rateOut), String.valueOf(burstOut), String.valueOf(transferLast))
                + (isPush() ? "|push" : ""));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
