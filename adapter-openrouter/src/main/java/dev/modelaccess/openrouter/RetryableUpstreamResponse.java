package dev.modelaccess.openrouter;

import dev.modelaccess.core.UpstreamUnavailableException;
import feign.Request;
import feign.RetryableException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Upstream answered with a status worth retrying (408, 429, 502, 503, 504). Lives only between the error decoder
 * and the retryer; it never leaves the adapter.
 */
final class RetryableUpstreamResponse extends RetryableException {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable Duration requestedWait;
    private final UpstreamUnavailableException failure;

    RetryableUpstreamResponse(UpstreamUnavailableException failure, @Nullable Duration retryAfter, Request request) {
        super(
                failure.status() == null ? -1 : failure.status(),
                failure.getMessage(),
                request.httpMethod(),
                (Long) null,
                request);
        this.requestedWait = retryAfter;
        this.failure = failure;
    }

    /** The wait upstream asked for, already known to be within the limit; {@code null} when it did not ask. */
    @Nullable
    Duration requestedWait() {
        return requestedWait;
    }

    /** What the caller gets when no attempt is left. */
    UpstreamUnavailableException failure() {
        return failure;
    }
}
