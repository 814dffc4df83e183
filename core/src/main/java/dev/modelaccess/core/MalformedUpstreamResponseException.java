package dev.modelaccess.core;

import org.jspecify.annotations.Nullable;

/**
 * Upstream answered, but the answer as a whole cannot be trusted: not JSON, no {@code data} array, a truncated
 * body, the wrong content type, or pagination that does not add up ({@link IncompletePaginationException}). The
 * catalog sync treats this as a guard:
 * the run is aborted and nothing is written.
 */
public sealed class MalformedUpstreamResponseException extends UpstreamException permits IncompletePaginationException {

    MalformedUpstreamResponseException(String message, @Nullable Integer status, @Nullable Throwable cause) {
        super(message, status, null, null, cause);
    }

    /** An answer that cannot be used, with its HTTP status ({@code null} when the status is unknown). */
    public static MalformedUpstreamResponseException of(String message, @Nullable Integer status) {
        return new MalformedUpstreamResponseException(message, status, null);
    }
}
