package dev.modelaccess.core;

import org.jspecify.annotations.Nullable;

/**
 * Upstream answered, but the answer as a whole cannot be trusted: not JSON, no {@code data} array, a truncated
 * body, the wrong content type, or pagination that does not add up ({@link IncompletePaginationException}). The
 * catalog sync treats this as a guard:
 * the run is aborted and nothing is written.
 */
public class MalformedUpstreamResponseException extends UpstreamException {

    public MalformedUpstreamResponseException(String message, @Nullable Integer status, @Nullable Throwable cause) {
        super(message, status, null, null, cause);
    }
}
