package dev.modelaccess.core.policy;

import java.util.List;

/**
 * Reading the pending price holds (PostgreSQL: {@code model_review_holds}). They are placed and cleared inside a store
 * transaction ({@link dev.modelaccess.core.port.StoreTransaction#placeReviewHolds}, {@link
 * dev.modelaccess.core.port.StoreTransaction#clearReviewHold}), with their events.
 */
@FunctionalInterface
public interface ReviewHolds {

    /** Every pending hold, oldest first. */
    List<ReviewHold> pending();
}
