package dev.modelaccess.core.notify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An outbox entry a dispatcher holds for the length of its lease.
 *
 * @param entryId the outbox row
 * @param noticeId the notice, shared by its rows on every channel (the webhook's {@code webhook-id})
 * @param payloadJson the notice's {@link Notice#data() data} as stored, a JSON object
 * @param firstDueAt when the current retry window started (the first due time, or the last "send again")
 * @param attempts attempts made before this one
 */
public record ClaimedNotice(
        UUID entryId,
        UUID noticeId,
        NoticeKind kind,
        Channel channel,
        Delivery delivery,
        Instant createdAt,
        String title,
        List<String> lines,
        @Nullable String link,
        String payloadJson,
        Instant dueAt,
        Instant firstDueAt,
        int attempts) {

    public ClaimedNotice {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        lines = List.copyOf(lines);
    }
}
