package dev.modelaccess.core;

import org.jspecify.annotations.Nullable;

/**
 * Upstream's answer was readable page by page, but the pages do not add up to the whole catalog: {@code
 * links.next} could not be followed to the end, or {@code total_count} disagrees with what arrived. The catalog
 * sync aborts the run with the reason {@code INCOMPLETE_PAGINATION}.
 */
public class IncompletePaginationException extends MalformedUpstreamResponseException {

    public IncompletePaginationException(String message, @Nullable Integer status, @Nullable Throwable cause) {
        super(message, status, cause);
    }
}
