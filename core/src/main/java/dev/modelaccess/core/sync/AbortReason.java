package dev.modelaccess.core.sync;

/** Why a run wrote nothing. */
public enum AbortReason {
    /** The response as a whole was unusable: not JSON, no data array, truncated, wrong content type. */
    MALFORMED_RESPONSE,
    /** {@code links.next} could not be followed to the end, or {@code total_count} disagrees. */
    INCOMPLETE_PAGINATION,
    /** Upstream returned no model at all. */
    EMPTY_UPSTREAM,
    /** The same id appeared twice. */
    DUPLICATE_ID,
    /** Fewer entries than {@code min-upstream-ratio} of the present models. Can be forced. */
    TOO_FEW_UPSTREAM_MODELS,
    /** More deactivations than {@code max-deactivation-ratio} of the present models. Can be forced. */
    TOO_MANY_DEACTIVATIONS;

    /** Whether an admin may force a run past this guard. */
    public boolean forceable() {
        return this == TOO_FEW_UPSTREAM_MODELS || this == TOO_MANY_DEACTIVATIONS;
    }
}
