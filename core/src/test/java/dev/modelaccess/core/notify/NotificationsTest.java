package dev.modelaccess.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Pricing;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.TopProvider;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.SyncPlan;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What is notified, routed and retried, without a store. */
class NotificationsTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:15:00Z");
    static final NoticeRouting ALL =
            new NoticeRouting(Set.of(Channel.values()), Map.of(), LocalTime.of(8, 0), ZoneOffset.UTC);

    private final Notifications notifications = notifications(ModelUsage.UNKNOWN);

    private static Notifications notifications(ModelUsage usage) {
        return new Notifications(
                new Notifications.Settings(ALL, new BigDecimal("0.10"), "https://admin.example/console/"),
                usage,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void vanishedModelsCarryTheUsageCountsTheHostKnowsAndSayUnknownOtherwise() {
        ModelUsage usage = new ModelUsage() {
            @Override
            public Optional<Map<String, Long>> usersWithDefault(Collection<String> modelIds) {
                return Optional.of(Map.of("a/one", 12L));
            }
        };
        SyncPlan plan = plan(
                List.of(),
                List.of(),
                List.of(
                        new SyncPlan.Deactivation("a/one", ModelStatus.ACTIVE),
                        new SyncPlan.Deactivation("a/two", ModelStatus.NEW)));

        Notice notice = notifications(usage)
                .forSync(UUID.randomUUID(), List.of(row("a/one", "0.1"), row("a/two", "0.1")), plan)
                .getFirst()
                .notice();

        assertThat(notice.kind()).isEqualTo(NoticeKind.MODELS_VANISHED);
        assertThat(notice.title()).isEqualTo("2 models vanished upstream");
        assertThat(notice.data())
                .containsEntry("count", 2)
                .containsEntry("users_with_default", 12L)
                .containsEntry("bound_resources", null)
                .containsEntry("usage_known", Map.of("users_with_default", true, "bound_resources", false));
        assertThat(notice.lines())
                .containsExactly(
                        "a/one: 12 users with it as default, unknown bound resources",
                        "a/two: 0 users with it as default, unknown bound resources");
        assertThat(notice.link()).isEqualTo("https://admin.example/console/models?status=inactive");
    }

    @Test
    void aUsagePortThatFailsMakesTheCountsUnknownNotTheSyncFail() {
        ModelUsage failing = new ModelUsage() {
            @Override
            public Optional<Map<String, Long>> boundResources(Collection<String> modelIds) {
                throw new IllegalStateException("resources table is down");
            }
        };

        Notice notice = notifications(failing)
                .forSync(
                        UUID.randomUUID(),
                        List.of(row("a/one", "0.1")),
                        plan(List.of(), List.of(), List.of(new SyncPlan.Deactivation("a/one", ModelStatus.NEW))))
                .getFirst()
                .notice();

        assertThat(notice.data()).containsEntry("bound_resources", null);
    }

    @Test
    void onlyPricesThatMovedBeyondTheThresholdAreNotified() {
        SyncPlan plan = plan(
                List.of(),
                List.of(
                        refresh(upstream("a/small", "0.105")),
                        refresh(upstream("a/big", "0.2")),
                        refresh(upstream("a/free", "0.1"))),
                List.of());
        List<CatalogModel> before = List.of(row("a/small", "0.1"), row("a/big", "0.1"), row("a/free", "0"));

        List<OutboxEntry> entries = notifications.forSync(UUID.randomUUID(), before, plan);

        assertThat(entries)
                .extracting(OutboxEntry::channel)
                .containsExactly(Channel.WEBHOOK, Channel.SLACK, Channel.EMAIL);
        Notice notice = entries.getFirst().notice();
        assertThat(notice.kind()).isEqualTo(NoticeKind.PRICES_CHANGED);
        assertThat(notice.data()).containsEntry("count", 2).containsEntry("threshold", "0.10");
        assertThat(notice.lines()).containsExactly("a/big: prompt 0.1 → 0.2", "a/free: prompt 0 → 0.1");
        assertThat(entries.getLast().delivery()).isEqualTo(Delivery.DIGEST);
        assertThat(entries.getLast().dueAt()).isEqualTo(Instant.parse("2026-03-03T08:00:00Z"));
        assertThat(entries.getFirst().dueAt()).isEqualTo(NOW);
    }

    @Test
    void addedModelsTheCatalogRulesDecidedDoNotWaitForReview() {
        List<SyncPlan.Upsert> added = List.of(
                new SyncPlan.Upsert(upstream("n/one", "1"), "f1"),
                new SyncPlan.Upsert(upstream("n/two", "1"), "f2"),
                new SyncPlan.Upsert(upstream("n/three", "1"), "f3"));
        SyncPlan plan = new SyncPlan(added, List.of(), List.of(), List.of(), 0, List.of(), List.of());

        Notice notice = notifications
                .forSync(UUID.randomUUID(), List.of(), plan, Set.of("n/one", "n/three"))
                .getFirst()
                .notice();

        assertThat(notice.title()).isEqualTo("1 new model waits for review");
        assertThat(notice.data()).containsEntry("count", 1);
        assertThat(notice.lines()).containsExactly("n/two");
        assertThat(notifications.forSync(UUID.randomUUID(), List.of(), plan, Set.of("n/one", "n/two", "n/three")))
                .as("every added model decided by a rule: nobody waits")
                .isEmpty();
    }

    @Test
    void newModelsListTheirIdsAndLinkToTheReviewQueue() {
        List<SyncPlan.Upsert> added = List.of(
                new SyncPlan.Upsert(upstream("n/one", "1"), "f1"), new SyncPlan.Upsert(upstream("n/two", "1"), "f2"));

        Notice notice = notifications
                .forSync(
                        UUID.randomUUID(),
                        List.of(),
                        new SyncPlan(added, List.of(), List.of(), List.of(), 0, List.of(), List.of()))
                .getFirst()
                .notice();

        assertThat(notice.title()).isEqualTo("2 new models wait for review");
        assertThat(notice.data()).containsEntry("count", 2).containsEntry("truncated", false);
        assertThat(notice.data().get("review_url")).isEqualTo("https://admin.example/console/models?status=new");
        assertThat(notice.lines()).containsExactly("n/one", "n/two");
    }

    @Test
    void withoutAChannelNothingIsRouted() {
        assertThat(Notifications.off().forRevokedKeys(3, 10)).isEmpty();
        assertThat(notifications.forRevokedKeys(0, 10))
                .as("no revoked key, no notice")
                .isEmpty();
    }

    @Test
    void theDigestIsDueAtTheNextDigestTimeInItsZone() {
        NoticeRouting paris =
                new NoticeRouting(Set.of(Channel.EMAIL), Map.of(), LocalTime.of(8, 0), ZoneId.of("Europe/Paris"));

        assertThat(paris.nextDigest(Instant.parse("2026-03-02T06:59:59Z")))
                .isEqualTo(Instant.parse("2026-03-02T07:00:00Z"));
        assertThat(paris.nextDigest(Instant.parse("2026-03-02T07:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-03T07:00:00Z"));
        assertThat(paris.nextDigest(Instant.parse("2026-07-01T05:00:00Z")))
                .as("summer time")
                .isEqualTo(Instant.parse("2026-07-01T06:00:00Z"));
    }

    @Test
    void retriesBackOffExponentiallyWithJitterAndStopAtTheEndOfTheWindow() {
        RetryPolicy retry = new RetryPolicy(
                Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24), new SplittableRandom(1));
        Instant start = NOW;

        assertThat(retry.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(retry.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(retry.backoff(10)).isEqualTo(Duration.ofHours(1));
        for (int attempt = 1; attempt < 12; attempt++) {
            Instant next = retry.next(start, attempt, NOW).orElseThrow();
            Duration delay = Duration.between(NOW, next);
            assertThat(delay).isBetween(retry.backoff(attempt).dividedBy(2), retry.backoff(attempt));
        }
        assertThat(retry.next(start, 40, start.plus(Duration.ofMinutes(1439))))
                .as("the last attempt is at the end of the window")
                .contains(start.plus(Duration.ofHours(24)));
        assertThat(retry.next(start, 41, start.plus(Duration.ofHours(24)))).isEmpty();
    }

    private static SyncPlan plan(
            List<SyncPlan.Upsert> added, List<SyncPlan.Refresh> refreshed, List<SyncPlan.Deactivation> gone) {
        return new SyncPlan(added, refreshed, gone, List.of(), 0, List.of(), List.of());
    }

    private static SyncPlan.Refresh refresh(UpstreamModel model) {
        return new SyncPlan.Refresh(new SyncPlan.Upsert(model, "f"), true, false);
    }

    private static UpstreamModel upstream(String id, String prompt) {
        return new UpstreamModel(
                id,
                null,
                null,
                null,
                null,
                null,
                Architecture.UNKNOWN,
                TopProvider.UNKNOWN,
                List.of(),
                null,
                null,
                null,
                Pricing.of(Map.of("prompt", new BigDecimal(prompt))),
                "{}");
    }

    private static CatalogModel row(String id, String prompt) {
        return new CatalogModel(
                UUID.randomUUID(),
                upstream(id, prompt),
                "f",
                ModelStatus.NEW,
                null,
                TierFlags.NONE,
                NOW,
                NOW,
                null,
                NOW,
                null,
                null,
                NOW,
                NOW);
    }
}
