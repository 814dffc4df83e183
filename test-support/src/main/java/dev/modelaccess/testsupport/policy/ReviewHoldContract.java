package dev.modelaccess.testsupport.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.policy.ReviewHold;
import dev.modelaccess.core.policy.ReviewHold.HoldReason;
import dev.modelaccess.core.policy.ReviewHolds;
import dev.modelaccess.testsupport.contract.StoreContract;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every store must do with price holds: placed and cleared in its {@link
 * dev.modelaccess.core.port.StoreTransaction store transactions}, read through {@link ReviewHolds}.
 */
public abstract class ReviewHoldContract extends StoreContract {

    /** The holds of the store {@link #createStore()} made. */
    protected abstract ReviewHolds holds();

    private static ReviewHold hold(String modelId, String oldPrompt, String newPrompt, java.time.Instant at) {
        return new ReviewHold(
                modelId,
                HoldReason.PRICE_ROSE,
                new BigDecimal(oldPrompt),
                new BigDecimal("0.000002"),
                new BigDecimal(newPrompt),
                null,
                at);
    }

    @Test
    void noHoldIsPendingAtFirst() {
        assertThat(holds().pending()).isEmpty();
    }

    @Test
    void placedHoldsArePendingOldestFirstWithTheirPrices() {
        ReviewHold first = hold("openai/gpt-4o", "0.0000025", "0.00001", T1);
        ReviewHold second = hold("anthropic/claude-3.5-sonnet", "0.000003", "0.00003", T2);
        store.inTransaction(tx -> {
            tx.placeReviewHolds(List.of(first));
            return null;
        });
        store.inTransaction(tx -> {
            tx.placeReviewHolds(List.of(second));
            return null;
        });

        List<ReviewHold> pending = holds().pending();

        assertThat(pending)
                .extracting(ReviewHold::modelId)
                .containsExactly("openai/gpt-4o", "anthropic/claude-3.5-sonnet");
        ReviewHold read = pending.getFirst();
        assertThat(read.reason()).isEqualTo(HoldReason.PRICE_ROSE);
        assertThat(read.oldPrompt()).isEqualByComparingTo("0.0000025");
        assertThat(read.oldCompletion()).isEqualByComparingTo("0.000002");
        assertThat(read.newPrompt()).isEqualByComparingTo("0.00001");
        assertThat(read.newCompletion()).isNull();
        assertThat(read.heldAt()).isEqualTo(T1);
    }

    @Test
    void aSecondHoldKeepsTheOldPricesOfTheFirstAndTakesTheNewOnes() {
        store.inTransaction(tx -> {
            tx.placeReviewHolds(List.of(hold("openai/gpt-4o", "0.000001", "0.000003", T1)));
            return null;
        });
        store.inTransaction(tx -> {
            tx.placeReviewHolds(List.of(new ReviewHold(
                    "openai/gpt-4o",
                    HoldReason.BECAME_PAID,
                    BigDecimal.ONE,
                    BigDecimal.ONE,
                    new BigDecimal("0.00001"),
                    new BigDecimal("0.00002"),
                    T2)));
            return null;
        });

        ReviewHold read = holds().pending().getFirst();

        assertThat(read.oldPrompt()).isEqualByComparingTo("0.000001");
        assertThat(read.oldCompletion()).isEqualByComparingTo("0.000002");
        assertThat(read.newPrompt()).isEqualByComparingTo("0.00001");
        assertThat(read.newCompletion()).isEqualByComparingTo("0.00002");
        assertThat(read.reason()).isEqualTo(HoldReason.BECAME_PAID);
        assertThat(read.heldAt()).isEqualTo(T2);
    }

    @Test
    void clearingReturnsTheHoldAndRemovesIt() {
        store.inTransaction(tx -> {
            tx.placeReviewHolds(List.of(hold("openai/gpt-4o", "0.000001", "0.000003", T1)));
            return null;
        });

        Optional<ReviewHold> cleared = store.inTransaction(tx -> tx.clearReviewHold("openai/gpt-4o"));

        assertThat(cleared).map(ReviewHold::modelId).contains("openai/gpt-4o");
        assertThat(holds().pending()).isEmpty();
    }

    @Test
    void clearingAModelWithoutHoldFindsNothing() {
        Optional<ReviewHold> cleared = store.inTransaction(tx -> tx.clearReviewHold("openai/gpt-4o"));

        assertThat(cleared).isEmpty();
    }

    @Test
    void aRolledBackTransactionPlacesNoHold() {
        assertThatThrownBy(() -> store.inTransaction(tx -> {
                    tx.placeReviewHolds(List.of(hold("openai/gpt-4o", "0.000001", "0.000003", T1)));
                    throw new IllegalStateException("midway");
                }))
                .hasMessageContaining("midway");

        assertThat(holds().pending()).isEmpty();
    }
}
