package dev.modelaccess.core;

import org.jspecify.annotations.Nullable;

/**
 * The catalog came in pages and they do not add up: {@code links.next} could not be followed to the end (a page
 * cap, a loop, a link to another host) or {@code total_count} disagrees with the entries received. The catalog
 * sync aborts the run with {@link dev.modelaccess.core.sync.AbortReason#INCOMPLETE_PAGINATION}.
 */
public class IncompletePaginationException extends MalformedUpstreamResponseException {

    public IncompletePaginationException(String message, @Nullable Integer status, @Nullable Throwable cause) {
        super(message, status, cause);
    }
}
