package dev.modelaccess.core.policy;

import dev.modelaccess.core.port.CatalogWriter;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.ModelEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The admin's side of price holds: clearing one, recorded as a {@code hold_cleared} event naming the admin. */
public final class HoldReview {

    private final CatalogWriter store;
    private final Clock clock;

    public HoldReview(CatalogWriter store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Clears the pending hold of {@code modelId}.
     *
     * @return the hold that was cleared
     * @throws NoHoldException when the model has no pending hold (nothing is written)
     */
    public ReviewHold clear(String modelId, String actor) {
        Objects.requireNonNull(actor, "actor");
        return store.inTransaction(tx -> {
            ReviewHold hold = tx.clearReviewHold(modelId).orElseThrow(() -> new NoHoldException(modelId));
            tx.appendEvents(List.of(ModelEvent.of(
                    modelId,
                    EventKind.HOLD_CLEARED,
                    Map.of("reason", hold.reason().dbValue()),
                    Map.of(),
                    actor,
                    clock.instant())));
            return hold;
        });
    }

    /** The model has no pending price hold. */
    public static final class NoHoldException extends dev.modelaccess.core.ModelAccessException {

        private final String modelId;

        NoHoldException(String modelId) {
            super("Model '" + dev.modelaccess.core.internal.Messages.abbreviate(modelId)
                    + "' has no pending price hold");
            this.modelId = modelId;
        }

        public String modelId() {
            return modelId;
        }
    }
}
