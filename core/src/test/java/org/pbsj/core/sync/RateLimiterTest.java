package org.pbsj.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void waitsForTheDebtAtTheConfiguredRate() {
        AtomicLong now = new AtomicLong();
        AtomicLong slept = new AtomicLong();
        RateLimiter r = new RateLimiter(1000, 1000, now::get, n -> {
            slept.addAndGet(n);
            now.addAndGet(n);
        });
        r.acquire(1000); // the full bucket
        assertEquals(0, slept.get());
        r.acquire(500);
        assertEquals(500_000_000L, slept.get());
        now.addAndGet(2_000_000_000L); // idle: refills, but only up to the burst
        r.acquire(1500);
        assertEquals(1_000_000_000L, slept.get());
    }

    @Test
    void unlimitedNeverWaits() {
        RateLimiter r = new RateLimiter(0, 0, () -> 0, n -> {
            throw new AssertionError("slept");
        });
        r.acquire(Long.MAX_VALUE);
    }
}
