package org.pbsj.server.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.json.Json;

/**
 * One user's second factors and lock state, as PBS's tfa.json keeps them per user, with
 * proxmox-tfa's rules ({@code access-control.md} §7): TOTP codes are accepted once (the last
 * counter is kept), {@value #TOTP_FAILURE_LIMIT} TOTP failures lock TOTP until a recovery key is
 * used or an admin unlocks, {@value #TFA_FAILURE_LIMIT} failures of any kind lock every second
 * factor for {@value #TFA_LOCK_SECONDS} s. Pure and mutable; the service stores its JSON.
 */
public final class TfaUserData {
    public static final int TOTP_FAILURE_LIMIT = 8;
    public static final int TFA_FAILURE_LIMIT = 100;
    public static final long TFA_LOCK_SECONDS = 3600;
    public static final String RECOVERY_ID = "recovery";

    /** An entry as the API lists it (proxmox-tfa's TypedTfaInfo). */
    public record EntryInfo(String type, String id, String description, long created, boolean enable) {
    }

    /** The outcome of a second-factor answer. */
    public enum Outcome { OK, FAILED, LOCKED }

    private static final class TotpEntry {
        String id;
        String description;
        long created;
        boolean enable = true;
        String uri;
        long lastCount = Long.MIN_VALUE;
    }

    private static final class Recovery {
        String secret;
        List<String> entries;
        long created;
        boolean enable = true;
    }

    private final List<TotpEntry> totp = new ArrayList<>();
    private Recovery recovery;
    private boolean totpLocked;
    private long tfaLockedUntil;
    private int totpFailures;
    private int tfaFailures;

    public boolean isEmpty() {
        return totp.isEmpty() && recovery == null;
    }

    public boolean totpLocked() {
        return totpLocked;
    }

    /** Epoch seconds until which all second factors are locked; 0 if not locked. */
    public long tfaLockedUntil() {
        return tfaLockedUntil;
    }

    public List<EntryInfo> entries() {
        List<EntryInfo> out = new ArrayList<>();
        for (TotpEntry t : totp) {
            out.add(new EntryInfo("totp", t.id, t.description, t.created, t.enable));
        }
        if (recovery != null) {
            out.add(new EntryInfo("recovery", RECOVERY_ID, "recovery keys", recovery.created, recovery.enable));
        }
        return out;
    }

    /** The login challenge, or empty when the user has no enabled second factor. */
    public Optional<TfaChallenge> challenge() {
        boolean anyTotp = totp.stream().anyMatch(t -> t.enable);
        boolean hasRecovery = recovery != null && recovery.enable;
        if (!anyTotp && !hasRecovery) {
            return Optional.empty();
        }
        return Optional.of(new TfaChallenge(anyTotp && !totpLocked,
                hasRecovery ? RecoveryKeys.available(recovery.entries) : null));
    }

    /** Checks {@code response} ({@code totp:<code>} or {@code recovery:<key>}) and updates the state. */
    public Outcome verify(TfaChallenge challenge, String response, Instant now) {
        if (tfaLockedUntil > now.getEpochSecond()) {
            return Outcome.LOCKED;
        }
        int colon = response == null ? -1 : response.indexOf(':');
        String type = colon < 0 ? "" : response.substring(0, colon);
        String value = colon < 0 ? "" : response.substring(colon + 1);
        boolean ok;
        switch (type) {
            case "totp" -> {
                if (totpLocked) {
                    return Outcome.LOCKED;
                }
                ok = challenge.totp() && verifyTotp(value, now);
                if (!ok && ++totpFailures >= TOTP_FAILURE_LIMIT) {
                    totpLocked = true;
                }
            }
            case "recovery" -> {
                ok = challenge.recovery() != null && useRecovery(value);
                if (ok) {
                    totpLocked = false;
                    totpFailures = 0;
                }
            }
            default -> ok = false; // webauthn, u2f, yubico: not supported here
        }
        if (ok) {
            tfaFailures = 0;
            if (type.equals("totp")) {
                totpFailures = 0;
            }
            return Outcome.OK;
        }
        if (++tfaFailures >= TFA_FAILURE_LIMIT) {
            tfaLockedUntil = now.getEpochSecond() + TFA_LOCK_SECONDS;
        }
        return Outcome.FAILED;
    }

    private boolean verifyTotp(String code, Instant now) {
        for (TotpEntry t : totp) {
            if (!t.enable) {
                continue;
            }
            OptionalLong counter = Totp.fromUri(t.uri).verify(code, now);
            if (counter.isPresent() && counter.getAsLong() > t.lastCount) {
                t.lastCount = counter.getAsLong();
                return true;
            }
        }
        return false;
    }

    private boolean useRecovery(String key) {
        if (recovery == null || !recovery.enable) {
            return false;
        }
        int i = RecoveryKeys.find(recovery.secret, recovery.entries, key);
        if (i < 0) {
            return false;
        }
        recovery.entries.set(i, null);
        return true;
    }

    /** Adds a TOTP secret after checking that {@code code} is its current value. */
    public String addTotp(String id, String description, String uri, String code, Instant now) {
        Totp t = Totp.fromUri(uri);
        OptionalLong counter = t.verify(code, now);
        if (counter.isEmpty()) {
            throw new IllegalArgumentException("failed to verify TOTP challenge");
        }
        TotpEntry e = new TotpEntry();
        e.id = id;
        e.description = description;
        e.created = now.getEpochSecond();
        e.uri = uri;
        e.lastCount = counter.getAsLong();
        totp.add(e);
        return id;
    }

    /** Creates the user's recovery key set; returns the keys, shown once. */
    public List<String> addRecovery(SecureRandom random, Instant now) {
        if (recovery != null) {
            throw new IllegalStateException("user already has recovery keys");
        }
        RecoveryKeys.Generated g = RecoveryKeys.generate(random);
        recovery = new Recovery();
        recovery.secret = g.secret();
        recovery.entries = new ArrayList<>(g.hashes());
        recovery.created = now.getEpochSecond();
        return g.keys();
    }

    public boolean delete(String id) {
        if (RECOVERY_ID.equals(id)) {
            boolean had = recovery != null;
            recovery = null;
            return had;
        }
        return totp.removeIf(t -> t.id.equals(id));
    }

    public boolean update(String id, String description, Boolean enable) {
        if (RECOVERY_ID.equals(id) && recovery != null) {
            if (enable != null) {
                recovery.enable = enable;
            }
            return true;
        }
        for (TotpEntry t : totp) {
            if (t.id.equals(id)) {
                if (description != null) {
                    t.description = description;
                }
                if (enable != null) {
                    t.enable = enable;
                }
                return true;
            }
        }
        return false;
    }

    /** Lifts all locks and failure counts; true if anything was locked. */
    public boolean unlock(Instant now) {
        boolean was = totpLocked || tfaLockedUntil > now.getEpochSecond();
        totpLocked = false;
        tfaLockedUntil = 0;
        totpFailures = 0;
        tfaFailures = 0;
        return was;
    }

    // ------------------------------------------------------------------ JSON

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        for (TotpEntry t : totp) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("info", info(t.id, t.description, t.created, t.enable));
            e.put("entry", t.uri);
            e.put("last-count", t.lastCount);
            list.add(e);
        }
        m.put("totp", list);
        if (recovery != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("secret", recovery.secret);
            r.put("entries", new ArrayList<Object>(recovery.entries));
            r.put("created", recovery.created);
            r.put("enable", recovery.enable);
            m.put("recovery", r);
        }
        m.put("totp-locked", totpLocked);
        m.put("tfa-locked-until", tfaLockedUntil);
        m.put("totp-failures", (long) totpFailures);
        m.put("tfa-failures", (long) tfaFailures);
        return Json.compact(m);
    }

    private static Map<String, Object> info(String id, String description, long created, boolean enable) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("id", id);
        i.put("description", description);
        i.put("created", created);
        i.put("enable", enable);
        return i;
    }

    public static TfaUserData parse(String json) {
        TfaUserData d = new TfaUserData();
        if (json == null || json.isBlank()) {
            return d;
        }
        Map<String, Object> m;
        try {
            m = Json.parseObject(json, "tfa data");
        } catch (PbsFormatException e) {
            throw new IllegalStateException("stored TFA data is corrupt", e);
        }
        if (m.get("totp") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> e = (Map<?, ?>) o;
                Map<?, ?> info = (Map<?, ?>) e.get("info");
                TotpEntry t = new TotpEntry();
                t.id = (String) info.get("id");
                t.description = (String) info.get("description");
                t.created = num(info.get("created"));
                t.enable = !Boolean.FALSE.equals(info.get("enable"));
                t.uri = (String) e.get("entry");
                t.lastCount = num(e.get("last-count"));
                d.totp.add(t);
            }
        }
        if (m.get("recovery") instanceof Map<?, ?> r) {
            d.recovery = new Recovery();
            d.recovery.secret = (String) r.get("secret");
            d.recovery.entries = new ArrayList<>();
            for (Object o : (List<?>) r.get("entries")) {
                d.recovery.entries.add((String) o);
            }
            d.recovery.created = num(r.get("created"));
            d.recovery.enable = !Boolean.FALSE.equals(r.get("enable"));
        }
        d.totpLocked = Boolean.TRUE.equals(m.get("totp-locked"));
        d.tfaLockedUntil = num(m.get("tfa-locked-until"));
        d.totpFailures = (int) num(m.get("totp-failures"));
        d.tfaFailures = (int) num(m.get("tfa-failures"));
        return d;
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
