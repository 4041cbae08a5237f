package org.pbsj.core.sync;

import java.util.function.LongSupplier;

/**
 * A token bucket on bytes per second ({@code rate-in}/{@code burst-in}): {@link #acquire} takes
 * {@code n} tokens and waits while the bucket is in debt. Thread-safe; the wait happens outside
 * the lock's critical section so concurrent downloads share the rate.
 */
public final class RateLimiter {
    /** Waits for a number of nanoseconds (a test passes a fake that advances its clock). */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private static final long NANOS = 1_000_000_000L;

    private final long rate;
    private final long burst;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    /** {@code bytesPerSecond} 0 = unlimited; {@code burst} 0 = one second's worth. */
    public RateLimiter(long bytesPerSecond, long burst, LongSupplier nanoTime, Sleeper sleeper) {
        this.rate = bytesPerSecond;
        this.burst = burst > 0 ? burst : bytesPerSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.tokens = this.burst;
        this.last = nanoTime.getAsLong();
    }

    public static RateLimiter of(long bytesPerSecond, long burst) {
        return new RateLimiter(bytesPerSecond, burst, System::nanoTime, n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)));
    }

    public static RateLimiter unlimited() {
        return of(0, 0);
    }

    public boolean isLimited() {
        return rate > 0;
    }

    /** Takes {@code bytes} tokens, waiting until the bucket has refilled enough. */
    public void acquire(long bytes) {
        if (rate <= 0 || bytes <= 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            tokens = Math.min(burst, tokens + (now - last) * (double) rate / NANOS);
            last = now;
            tokens -= bytes;
            wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS / rate);
        }
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while rate limited", e);
            }
        }
    }
}
