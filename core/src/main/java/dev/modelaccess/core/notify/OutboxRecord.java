package dev.modelaccess.core.notify;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An outbox entry as the console shows it (never a secret: channels' URLs and keys live in properties only). */
public record OutboxRecord(
        UUID entryId,
        UUID noticeId,
        String kind,
        Channel channel,
        Delivery delivery,
        String title,
        OutboxStatus status,
        Instant createdAt,
        Instant dueAt,
        int attempts,
        @Nullable Instant lastAttemptAt,
        @Nullable String lastError,
        @Nullable Instant deliveredAt) {}
