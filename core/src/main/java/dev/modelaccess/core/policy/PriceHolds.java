package dev.modelaccess.core.policy;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Pricing;
import dev.modelaccess.core.catalog.UpstreamModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds the price changes to hold for review, on {@code active} models only:
 *
 * <ul>
 *   <li>a free model (a {@code :free} id, or every price zero) that is no longer free: {@link
 *       ReviewHold.HoldReason#BECAME_PAID};
 *   <li>a prompt or completion price that rose by more than {@code factor} (from zero to anything above zero counts
 *       as such a rise): {@link ReviewHold.HoldReason#PRICE_ROSE}.
 * </ul>
 *
 * A variable price ({@code -1}) on either side is not compared.
 *
 * @param factor a rise to more than {@code factor} times the old price is held; at least 1
 */
public record PriceHolds(BigDecimal factor) {

    public static final PriceHolds DEFAULT = new PriceHolds(BigDecimal.valueOf(2));

    public PriceHolds {
        Objects.requireNonNull(factor, "factor");
        if (factor.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("The price hold factor must be at least 1; got " + factor);
        }
    }

    /** The hold {@code now} calls for on {@code before}, an {@code active} model, if any. */
    public Optional<ReviewHold> find(CatalogModel before, UpstreamModel now, Instant at) {
        if (before.status() != ModelStatus.ACTIVE) {
            return Optional.empty();
        }
        Pricing old = before.upstream().pricing();
        Pricing fresh = now.pricing();
        ReviewHold.HoldReason reason;
        if (RuleMatch.isFree(before.upstream()) && !RuleMatch.isFree(now)) {
            reason = ReviewHold.HoldReason.BECAME_PAID;
        } else if (rose(old.prompt(), fresh.prompt()) || rose(old.completion(), fresh.completion())) {
            reason = ReviewHold.HoldReason.PRICE_ROSE;
        } else {
            return Optional.empty();
        }
        return Optional.of(new ReviewHold(
                before.modelId(), reason, old.prompt(), old.completion(), fresh.prompt(), fresh.completion(), at));
    }

    private boolean rose(@Nullable BigDecimal before, @Nullable BigDecimal after) {
        BigDecimal was = before == null ? BigDecimal.ZERO : before;
        BigDecimal is = after == null ? BigDecimal.ZERO : after;
        if (was.signum() < 0 || is.signum() < 0) {
            return false;
        }
        return is.compareTo(was.multiply(factor)) > 0;
    }
}
