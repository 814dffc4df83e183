package dev.modelaccess.openrouter;

import dev.modelaccess.core.UpstreamUnavailableException;
import feign.RetryableException;
import feign.Retryer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries one request: I/O errors and the statuses {@link OpenRouterErrorDecoder} marks retryable, at most {@code
 * maxAttempts} attempts in all. Requests that are not safe to repeat ({@link Policy#ONLY_WHEN_ASKED}: a chat
 * completion costs the user money) are retried only when OpenRouter explicitly asked for it: a 429 or 503 with a
 * {@code Retry-After} within the limit; an I/O error or any other status fails at once, since the request may
 * already have been processed. Waits what {@code Retry-After} asked (already capped by the error decoder), else
 * an exponential backoff with jitter: attempt {@code n} waits a random time between half and all of {@code
 * initialBackoff × 2^(n-1)}. When no attempt is left it throws the library's {@link UpstreamUnavailableException},
 * so Feign's exception never leaves the adapter.
 */
final class BackoffRetryer implements Retryer {

    private static final Logger log = LoggerFactory.getLogger(BackoffRetryer.class);

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final OpenRouterClient.Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final Policy policy;
    private int attempt = 1;

    /** Which failures may be retried. */
    enum Policy {
        /** Every failure the error decoder marks retryable, and I/O errors: for requests safe to repeat (GET). */
        SAFE_TO_REPEAT,
        /** Only a 429 or 503 that came with a {@code Retry-After}: for requests that must not run twice (POST). */
        ONLY_WHEN_ASKED
    }

    /**
     * @param jitter a source of numbers in {@code [0, 1)}
     */
    BackoffRetryer(int maxAttempts, Duration initialBackoff, OpenRouterClient.Sleeper sleeper, DoubleSupplier jitter) {
        this(maxAttempts, initialBackoff, sleeper, jitter, Policy.SAFE_TO_REPEAT);
    }

    BackoffRetryer(
            int maxAttempts,
            Duration initialBackoff,
            OpenRouterClient.Sleeper sleeper,
            DoubleSupplier jitter,
            Policy policy) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.sleeper = sleeper;
        this.jitter = jitter;
        this.policy = policy;
    }

    @Override
    public void continueOrPropagate(RetryableException e) {
        if (policy == Policy.ONLY_WHEN_ASKED && !askedToRetry(e)) {
            throw e instanceof RetryableUpstreamResponse response
                    ? response.failure()
                    : failure(e, " (not retried: the request may already have reached OpenRouter)", ioCause(e));
        }
        if (attempt >= maxAttempts) {
            throw failure(
                    e,
                    maxAttempts == 1 ? " (1 attempt failed)" : " (all " + maxAttempts + " attempts failed)",
                    ioCause(e));
        }
        Duration wait = e instanceof RetryableUpstreamResponse response && response.requestedWait() != null
                ? response.requestedWait()
                : backoff(attempt);
        log.warn("{}; retrying in {} ms (attempt {} of {} failed)", describe(e), wait.toMillis(), attempt, maxAttempts);
        try {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw failure(e, " (Interrupted while waiting to retry)", interrupted);
        }
        attempt++;
    }

    Duration backoff(int failedAttempt) {
        long ceiling = initialBackoff.toMillis() << Math.min(failedAttempt - 1, 20);
        long millis = ceiling / 2 + (long) (jitter.getAsDouble() * (ceiling - ceiling / 2));
        return Duration.ofMillis(millis);
    }

    private static boolean askedToRetry(RetryableException e) {
        return e instanceof RetryableUpstreamResponse response
                && response.requestedWait() != null
                && (response.status() == 429 || response.status() == 503);
    }

    /** The library's exception for {@code e}: its description (with upstream's code and message) and a suffix. */
    private static UpstreamUnavailableException failure(
            RetryableException e, String suffix, @Nullable Throwable cause) {
        if (e instanceof RetryableUpstreamResponse response) {
            UpstreamUnavailableException last = response.failure();
            return UpstreamUnavailableException.gaveUpAfter(last, last.getMessage() + suffix, cause);
        }
        return UpstreamUnavailableException.of(describe(e) + suffix, e.status() > 0 ? e.status() : null, cause);
    }

    private static String describe(RetryableException e) {
        if (e instanceof RetryableUpstreamResponse response) {
            return response.failure().getMessage();
        }
        Throwable cause = e.getCause();
        String target = e.request() == null ? "OpenRouter" : Requests.describe(e.request());
        return switch (cause) {
            case HttpConnectTimeoutException timeout -> "Could not connect in time to " + target;
            case HttpTimeoutException timeout -> "No answer in time from " + target + " (read timeout)";
            case ConnectException refused -> "Could not connect to " + target + " (" + detail(refused) + ")";
            case null -> "I/O error talking to " + target;
            default -> "I/O error talking to " + target + ": " + detail(cause);
        };
    }

    /**
     * What went wrong, for a message: the first message along the cause chain, after the type that said it. The JDK
     * HTTP client often throws a {@link ConnectException} with no message of its own (refused connection, unknown
     * host), so the type alone is better than {@code null}.
     */
    static String detail(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                return t.getClass().getSimpleName() + ": " + message;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure.getClass().getSimpleName();
    }

    private static @Nullable IOException ioCause(RetryableException e) {
        return e.getCause() instanceof IOException io ? io : null;
    }

    @Override
    public Retryer clone() {
        return new BackoffRetryer(maxAttempts, initialBackoff, sleeper, jitter, policy);
    }
}
