package org.pbsj.core.crypto;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.json.Json;

/**
 * JSON form of {@link KeyConfig} ({@code crypto.md} §2.1): compact, fields in PBS's order
 * ({@code kdf, created, modified, data, fingerprint?, hint?}), timestamps RFC 3339 with a
 * numeric offset ({@code +00:00}, never {@code Z}), standard padded base64.
 */
public final class KeyConfigCodec {
    /** Writes {@code +00:00} for UTC ({@code xxx}, unlike {@code XXX}, never emits {@code Z}). */
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    /** Reads {@code Z} or {@code ±HH:MM}. */
    private static final DateTimeFormatter READ = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")
            .withResolverStyle(ResolverStyle.STRICT);

    private KeyConfigCodec() {
    }

    public static String toJson(KeyConfig config) {
        return Json.compact(toJsonValue(config));
    }

    /** The key file as an insertion-ordered JSON value (for the paper key's pretty form). */
    public static Map<String, Object> toJsonValue(KeyConfig config) {
        Map<String, Object> o = Json.object();
        o.put("kdf", kdfJson(config.kdf()));
        o.put("created", formatTime(config.created()));
        o.put("modified", formatTime(config.modified()));
        o.put("data", Base64.getEncoder().encodeToString(config.data()));
        if (config.fingerprint() != null) {
            o.put("fingerprint", config.fingerprint().toString());
        }
        if (config.hint() != null) {
            o.put("hint", config.hint());
        }
        return o;
    }

    private static Object kdfJson(Kdf kdf) {
        if (kdf == null) {
            return null;
        }
        Map<String, Object> params = Json.object();
        Map<String, Object> tagged = Json.object();
        if (kdf instanceof Kdf.Scrypt s) {
            params.put("n", s.n());
            params.put("r", s.r());
            params.put("p", s.p());
            params.put("salt", Base64.getEncoder().encodeToString(s.salt()));
            tagged.put("Scrypt", params);
        } else {
            Kdf.Pbkdf2 k = (Kdf.Pbkdf2) kdf;
            params.put("iter", k.iter());
            params.put("salt", Base64.getEncoder().encodeToString(k.salt()));
            tagged.put("PBKDF2", params);
        }
        return tagged;
    }

    public static String formatTime(OffsetDateTime time) {
        return WRITE.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Parses {@code YYYY-MM-DDTHH:MM:SS} plus {@code Z} or {@code ±HH:MM} (20 or 25 characters). */
    public static OffsetDateTime parseTime(String text, String source) {
        if (text.length() != 20 && text.length() != 25) {
            throw new CorruptDataException(source, -1, "invalid RFC 3339 timestamp \"" + text + "\"");
        }
        try {
            return OffsetDateTime.parse(text, READ);
        } catch (DateTimeParseException e) {
            throw new CorruptDataException(source, -1, "invalid RFC 3339 timestamp \"" + text + "\"", e);
        }
    }

    public static KeyConfig parse(String json, String source) {
        Map<String, Object> o = Json.parseObject(json, source);
        Kdf kdf = parseKdf(o.get("kdf"), source);
        OffsetDateTime created = parseTime(string(o, "created", source, true), source);
        OffsetDateTime modified = parseTime(string(o, "modified", source, true), source);
        byte[] data = base64(string(o, "data", source, true), "data", source);
        String fp = string(o, "fingerprint", source, false);
        Fingerprint fingerprint = fp == null ? null : Fingerprint.parse(fp);
        return new KeyConfig(kdf, created, modified, data, fingerprint, string(o, "hint", source, false));
    }

    @SuppressWarnings("unchecked")
    private static Kdf parseKdf(Object value, String source) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> tagged) || tagged.size() != 1) {
            throw new CorruptDataException(source, -1, "kdf must be null or an object with one variant");
        }
        Map.Entry<String, Object> e = ((Map<String, Object>) tagged).entrySet().iterator().next();
        if (!(e.getValue() instanceof Map<?, ?>)) {
            throw new CorruptDataException(source, -1, "kdf " + e.getKey() + " parameters must be an object");
        }
        Map<String, Object> params = (Map<String, Object>) e.getValue();
        byte[] salt = base64(string(params, "salt", source, true), "salt", source);
        switch (e.getKey()) {
            case "Scrypt":
                return new Kdf.Scrypt(unsigned(params, "n", source), unsigned(params, "r", source),
                        unsigned(params, "p", source), salt);
            case "PBKDF2":
                return new Kdf.Pbkdf2(unsigned(params, "iter", source), salt);
            default:
                throw new CorruptDataException(source, -1, "unknown kdf \"" + e.getKey() + "\"");
        }
    }

    private static String string(Map<String, Object> o, String key, String source, boolean required) {
        Object v = o.get(key);
        if (v == null) {
            if (required) {
                throw new CorruptDataException(source, -1, "missing field \"" + key + "\"");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw new CorruptDataException(source, -1, "field \"" + key + "\" must be a string");
        }
        return s;
    }

    /** A u64 that fits a signed long (larger values are rejected: no sane KDF uses them). */
    private static long unsigned(Map<String, Object> o, String key, String source) {
        Object v = o.get(key);
        if (v instanceof Long l && l >= 0) {
            return l;
        }
        if (v instanceof BigInteger || v instanceof Long) {
            throw new CorruptDataException(source, -1, "field \"" + key + "\" out of range: " + v);
        }
        throw new CorruptDataException(source, -1, "field \"" + key + "\" must be an unsigned integer");
    }

    private static byte[] base64(String text, String field, String source) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(source, -1, "field \"" + field + "\" is not base64", e);
        }
    }
}
