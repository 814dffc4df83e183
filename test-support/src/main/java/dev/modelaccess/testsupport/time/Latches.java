package dev.modelaccess.testsupport.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting for another thread of a test to reach a point, bounded so that a broken test fails instead of hanging. */
public final class Latches {

    /** How long {@link #await} waits before the test fails. */
    public static final long WAIT_SECONDS = 30;

    private Latches() {}

    /** Waits until {@code latch} is counted down; fails (an {@link AssertionError}) after {@value #WAIT_SECONDS} s. */
    public static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("latch counted down within %d s", WAIT_SECONDS)
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
