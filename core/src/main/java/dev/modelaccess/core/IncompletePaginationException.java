package dev.modelaccess.core;

import org.jspecify.annotations.Nullable;

/**
 * The catalog came in pages and they do not add up: {@code links.next} could not be followed to the end (a page
 * cap, a loop, a link to another host) or {@code total_count} disagrees with the entries received. The catalog
 * sync aborts the run with {@link dev.modelaccess.core.sync.AbortReason#INCOMPLETE_PAGINATION}.
 */
public final class IncompletePaginationException extends MalformedUpstreamResponseException {

    private IncompletePaginationException(String message, @Nullable Integer status, @Nullable Throwable cause) {
        super(message, status, cause);
    }

    /** The pages read do not add up, for the reason {@code message} gives. */
    public static IncompletePaginationException because(String message) {
        return new IncompletePaginationException(message, null, null);
    }

    /** A page after the first was unusable ({@code cause}), so the whole list is incomplete; keeps its status. */
    public static IncompletePaginationException pageUnusable(String message, MalformedUpstreamResponseException cause) {
        return new IncompletePaginationException(message, cause.status(), cause);
    }
}
