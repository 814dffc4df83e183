package dev.modelaccess.core.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff ({@code initial}, doubling, at most {@code max}) with
 * "equal jitter" (half the delay fixed, half random, so that many entries failing together do not come back
 * together), for up to {@code giveUpAfter} from the start of the entry's retry window. One last attempt is made at
 * the end of the window; an entry that fails after it is a dead letter.
 */
public record RetryPolicy(Duration initial, Duration max, Duration giveUpAfter, RandomGenerator random) {

    /** 30 s, doubling up to 1 h, for 24 h. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(
                Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24), RandomGenerator.getDefault());
    }

    public RetryPolicy {
        Objects.requireNonNull(random, "random");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("A retry policy needs 0 < initial <= max and giveUpAfter >= 0");
        }
    }

    /** The delay before attempt {@code attemptsMade + 1}, before jitter. */
    public Duration backoff(int attemptsMade) {
        int doublings = Math.max(0, Math.min(attemptsMade - 1, 30));
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /**
     * When to try again after {@code attemptsMade} failed attempts, the last at {@code now}; empty when the window
     * that started at {@code windowStart} is over (a dead letter).
     */
    public Optional<Instant> next(Instant windowStart, int attemptsMade, Instant now) {
        Instant end = windowStart.plus(giveUpAfter);
        if (!now.isBefore(end)) {
            return Optional.empty();
        }
        long millis = backoff(attemptsMade).toMillis();
        long half = millis / 2;
        long jittered = half + (half == 0 ? 0 : random.nextLong(half + 1));
        Instant next = now.plusMillis(Math.max(1, jittered));
        return Optional.of(next.isAfter(end) ? end : next);
    }
}
