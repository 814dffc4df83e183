package dev.modelaccess.core.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a notice reports. The {@linkplain #type() type} is the {@code type} of the webhook payload and the value
 * stored in the outbox; new kinds (e.g. {@code models.held_for_review}) are added here without touching the
 * outbox's schema.
 */
public enum NoticeKind {
    /** A sync added models that now wait for an admin's review. */
    MODELS_AWAITING_REVIEW("models.awaiting_review", Delivery.DIGEST),
    /** Models gone upstream, with how many users have them as their default and how many resources are bound. */
    MODELS_VANISHED("models.vanished", Delivery.IMMEDIATE),
    /** Prices that changed by more than the threshold. */
    PRICES_CHANGED("prices.changed", Delivery.DIGEST),
    /** A model whose {@code expiration_date} falls within a lead time. */
    MODEL_EXPIRING("model.expiring", Delivery.IMMEDIATE),
    /** A sync that failed, or that a guard stopped. */
    SYNC_FAILED("sync.failed", Delivery.IMMEDIATE),
    /** Keys that a re-verification found revoked (counts only). */
    KEYS_REVOKED("keys.revoked", Delivery.DIGEST);

    private final String type;
    private final Delivery defaultDelivery;

    NoticeKind(String type, Delivery defaultDelivery) {
        this.type = type;
        this.defaultDelivery = defaultDelivery;
    }

    /** The payload's {@code type}, e.g. {@code models.vanished}. */
    public String type() {
        return type;
    }

    /** How the email channel sends it unless configured otherwise. */
    public Delivery defaultDelivery() {
        return defaultDelivery;
    }

    /** The kind of a {@link #type()}, or of its enum name in any case ({@code models-vanished} too). */
    public static Optional<NoticeKind> of(String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(kind -> kind.type.equals(normalized)
                        || kind.name().toLowerCase(Locale.ROOT).equals(normalized.replace('-', '_')))
                .findFirst();
    }
}
