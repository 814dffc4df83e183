package dev.modelaccess.core.notify;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One attempt at delivering an outbox entry: every attempt is recorded, successful or not. */
public record DeliveryAttempt(
        UUID entryId,
        int attempt,
        Instant at,
        boolean delivered,
        long millis,
        @Nullable String error) {}
