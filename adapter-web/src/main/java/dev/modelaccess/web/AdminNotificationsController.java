package dev.modelaccess.web;

import dev.modelaccess.core.notify.DeliveryAttempt;
import dev.modelaccess.core.notify.NoticeOutbox;
import dev.modelaccess.core.notify.OutboxRecord;
import dev.modelaccess.core.notify.OutboxStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notification outbox, for admins: the latest deliveries (optionally only pending, delivered or dead ones), the
 * attempts of one, and "send again" for a dead letter (or any entry). Never a secret: channels' URLs and keys live
 * in properties only. Lists take at most {@value PageLimit#MAX} per page; an id that is not a UUID is a 400 naming
 * the {@code id}.
 */
@RestController
@ModelAccessApi(admin = true)
@RequestMapping("${modelaccess.web.base-path:/api}/admin/notifications")
class AdminNotificationsController {

    private final NoticeOutbox outbox;
    private final Clock clock;

    AdminNotificationsController(NoticeOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @GetMapping
    EntryList entries(
            @RequestParam(required = false) @Nullable String status, @RequestParam(defaultValue = "50") int limit) {
        PageLimit.check(limit);
        return new EntryList(
                outbox.recent(status(status), limit).stream().map(EntryView::of).toList());
    }

    @GetMapping("/{id}/attempts")
    List<DeliveryAttempt> attempts(@PathVariable String id) {
        UUID entry = uuid(id);
        if (outbox.entry(entry).isEmpty()) {
            throw new NotFoundException("No notification " + entry);
        }
        return outbox.attempts(entry);
    }

    @PostMapping("/{id}/resend")
    Resent resend(@PathVariable String id) {
        UUID entry = uuid(id);
        if (!outbox.resend(entry, clock.instant())) {
            throw new NotFoundException("No notification " + entry);
        }
        return new Resent(entry, "pending");
    }

    /** The entries, newest first. */
    record EntryList(List<EntryView> entries) {}

    /**
     * An entry as the API shows it: the record's fields, with status, channel and delivery spelled in lower case as
     * the {@code status} filter takes them. Nothing else: no payload, no channel setting.
     */
    record EntryView(
            UUID entryId,
            UUID noticeId,
            String kind,
            String channel,
            String delivery,
            String title,
            String status,
            Instant createdAt,
            Instant dueAt,
            int attempts,
            @Nullable Instant lastAttemptAt,
            @Nullable String lastError,
            @Nullable Instant deliveredAt) {

        static EntryView of(OutboxRecord row) {
            return new EntryView(
                    row.entryId(),
                    row.noticeId(),
                    row.kind(),
                    row.channel().dbValue(),
                    row.delivery().dbValue(),
                    row.title(),
                    row.status().dbValue(),
                    row.createdAt(),
                    row.dueAt(),
                    row.attempts(),
                    row.lastAttemptAt(),
                    row.lastError(),
                    row.deliveredAt());
        }
    }

    /** An entry made pending again, due now. */
    record Resent(UUID id, String status) {}

    private static Optional<OutboxStatus> status(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OutboxStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status must be pending, delivered or dead, not '" + status + "'");
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidIdException("id", "id must be a notification's UUID");
        }
    }
}
