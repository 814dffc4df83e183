package dev.modelaccess.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.notify.Channel;
import dev.modelaccess.core.notify.ClaimedNotice;
import dev.modelaccess.core.notify.Delivery;
import dev.modelaccess.core.notify.DeliveryAttempt;
import dev.modelaccess.core.notify.NoticeOutbox;
import dev.modelaccess.core.notify.OutboxRecord;
import dev.modelaccess.core.notify.OutboxStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox routes' own rules (filters, ids, not found); the outbox itself is tested on PostgreSQL in adapter-jooq
 * and adapter-spring. The fake below only records what the routes ask.
 */
class AdminNotificationsControllerTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final UUID DEAD = UUID.fromString("d0000000-0000-4000-8000-000000000001");

    private final List<String> asked = new ArrayList<>();
    private final AdminNotificationsController controller =
            new AdminNotificationsController(new RecordingOutbox(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theLatestEntriesCanBeFilteredByStatus() {
        assertThat(controller.entries("dead", 20).entries()).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo("dead");
            assertThat(row.channel()).isEqualTo("webhook");
            assertThat(row.delivery()).isEqualTo("immediate");
        });
        controller.entries(null, 50);
        controller.entries("pending", PageLimit.MAX);

        assertThat(asked)
                .containsExactly(
                        "recent Optional[DEAD] 20", "recent Optional.empty 50", "recent Optional[PENDING] 100");
    }

    @Test
    void anUnknownStatusOrAnOutOfRangeLimitIsRefusedNamingTheField() {
        assertThatThrownBy(() -> controller.entries("lost", 20))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("status must be pending, delivered or dead, not 'lost'");
        assertThatThrownBy(() -> controller.entries(null, 0))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("limit must be between 1 and 100, was 0");
        assertThatThrownBy(() -> controller.entries(null, PageLimit.MAX + 1))
                .as("every list route takes at most PageLimit.MAX per page")
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("limit must be between 1 and 100, was 101");
        assertThat(asked).isEmpty();
    }

    @Test
    void sendAgainMakesTheEntryPendingNowAndAnUnknownEntryIs404() {
        assertThat(controller.resend(DEAD.toString()))
                .isEqualTo(new AdminNotificationsController.Resent(DEAD, "pending"));
        assertThat(asked).containsExactly("resend " + DEAD + " " + NOW);

        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> controller.resend(unknown.toString()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No notification " + unknown);
        assertThatThrownBy(() -> controller.resend("not-a-uuid"))
                .isInstanceOf(InvalidIdException.class)
                .hasMessage("id must be a notification's UUID");
        assertThatThrownBy(() -> controller.attempts("not-a-uuid")).isInstanceOf(InvalidIdException.class);
    }

    @Test
    void theAttemptsOfAnEntryAndAnUnknownEntryIs404() {
        assertThat(controller.attempts(DEAD.toString()))
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.delivered()).isFalse());

        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> controller.attempts(unknown.toString()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No notification " + unknown);
        assertThat(asked).doesNotContain("attempts " + unknown);
    }

    private final class RecordingOutbox implements NoticeOutbox {

        @Override
        public List<ClaimedNotice> claim(Channel channel, Instant now, Duration lease, int limit, UUID claim) {
            throw new UnsupportedOperationException("not a route's business");
        }

        @Override
        public int delivered(Map<UUID, Duration> took, UUID claim, Instant at) {
            throw new UnsupportedOperationException("not a route's business");
        }

        @Override
        public int failed(
                List<UUID> entryIds, UUID claim, Instant at, Duration took, String error, Optional<Instant> retryAt) {
            throw new UnsupportedOperationException("not a route's business");
        }

        @Override
        public boolean resend(UUID entryId, Instant at) {
            asked.add("resend " + entryId + " " + at);
            return entryId.equals(DEAD);
        }

        @Override
        public List<OutboxRecord> recent(Optional<OutboxStatus> status, int limit) {
            asked.add("recent " + status + " " + limit);
            return List.of(new OutboxRecord(
                    DEAD,
                    UUID.randomUUID(),
                    "sync.failed",
                    Channel.WEBHOOK,
                    Delivery.IMMEDIATE,
                    "The catalog sync failed",
                    OutboxStatus.DEAD,
                    NOW,
                    NOW,
                    9,
                    NOW,
                    "The webhook receiver answered HTTP 500",
                    null));
        }

        @Override
        public Optional<OutboxRecord> entry(UUID entryId) {
            asked.add("entry " + entryId);
            return entryId.equals(DEAD)
                    ? Optional.of(recent(Optional.empty(), 1).getFirst())
                    : Optional.empty();
        }

        @Override
        public List<DeliveryAttempt> attempts(UUID entryId) {
            asked.add("attempts " + entryId);
            return List.of(new DeliveryAttempt(entryId, 1, NOW, false, 10_000, "The webhook receiver did not answer"));
        }
    }
}
