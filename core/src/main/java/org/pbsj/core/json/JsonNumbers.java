package org.pbsj.core.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Number formatting identical to serde_json's (ryu for floats). */
final class JsonNumbers {
    private JsonNumbers() {
    }

    /**
     * serde_json float output (ryu): shortest round-trip digits, plain notation for decimal
     * exponents -5 < k <= 16 (always with a fraction, "1.0"), else {@code 1.5e20} / {@code 1e-7}.
     */
    static String formatDouble(double d) {
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDecimal(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        int len = digits.length();
        int exp = -shortest.scale();
        int point = len + exp;
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (exp >= 0 && point <= 16) {
            out.append(digits).append("0".repeat(exp)).append(".0");
        } else if (point > 0 && point <= 16) {
            out.append(digits, 0, point).append('.').append(digits, point, len);
        } else if (point > -5 && point <= 0) {
            out.append("0.").append("0".repeat(-point)).append(digits);
        } else if (len == 1) {
            out.append(digits).append('e').append(point - 1);
        } else {
            out.append(digits.charAt(0)).append('.').append(digits, 1, len).append('e').append(point - 1);
        }
        return out.toString();
    }

    /** Fewest significant digits that read back as {@code d}; among those, the closest. */
    private static BigDecimal shortestDecimal(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
