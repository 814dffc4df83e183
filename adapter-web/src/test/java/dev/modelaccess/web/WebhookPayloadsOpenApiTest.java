package dev.modelaccess.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.notify.Channel;
import dev.modelaccess.core.notify.ModelUsage;
import dev.modelaccess.core.notify.Notice;
import dev.modelaccess.core.notify.NoticeKind;
import dev.modelaccess.core.notify.NoticeRouting;
import dev.modelaccess.core.notify.Notifications;
import dev.modelaccess.core.notify.OutboxEntry;
import dev.modelaccess.core.sync.SyncCounts;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.testsupport.contract.SampleModels;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The webhook payloads' OpenAPI components: one event and one data schema per notice kind, told apart by
 * {@code type}; and every field a real notice of each kind carries in {@code data} (and in its models) is
 * documented, so the components cannot drift from what is sent.
 */
class WebhookPayloadsOpenApiTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:15:00Z");

    private final OpenAPI openApi = new OpenAPI();

    WebhookPayloadsOpenApiTest() {
        new WebhookPayloadsOpenApi().customise(openApi);
    }

    private Schema<?> schema(String name) {
        Schema<?> schema = openApi.getComponents().getSchemas().get(name);
        assertThat(schema).as(name).isNotNull();
        return schema;
    }

    @Test
    void everyKindHasAnEventAndADataSchemaToldApartByType() {
        Schema<?> any = schema(WebhookPayloadsOpenApi.EVENT);

        assertThat(any.getOneOf()).hasSize(NoticeKind.values().length);
        assertThat(any.getDiscriminator().getPropertyName()).isEqualTo("type");
        assertThat(any.getDiscriminator().getMapping())
                .containsOnlyKeys(
                        Arrays.stream(NoticeKind.values()).map(NoticeKind::type).toList());
        assertThat(any.getDescription()).contains("webhook-id", "webhook-timestamp", "webhook-signature", "whsec_");
        for (NoticeKind kind : NoticeKind.values()) {
            String name = WebhookPayloadsOpenApi.name(kind);
            assertThat(any.getDiscriminator().getMapping().get(kind.type()))
                    .isEqualTo("#/components/schemas/" + name + "Event");
            assertThat(schema(name + "Event").getAllOf()).hasSize(2);
            assertThat(schema(name + "Data").getProperties()).isNotEmpty();
        }
        assertThat(schema(WebhookPayloadsOpenApi.ENVELOPE).getRequired())
                .containsExactlyInAnyOrder("id", "type", "timestamp", "title", "lines", "link", "data");
        assertThat(WebhookPayloadsOpenApi.name(NoticeKind.MODELS_AWAITING_REVIEW))
                .isEqualTo("ModelsAwaitingReview");
    }

    @Test
    void everyFieldOfARealNoticeOfEachKindIsDocumented() {
        Map<NoticeKind, Notice> notices = new EnumMap<>(NoticeKind.class);
        for (Notice notice : realNotices()) {
            notices.put(notice.kind(), notice);
        }
        assertThat(notices).as("a real notice of every kind").hasSize(NoticeKind.values().length);

        for (Notice notice : notices.values()) {
            Schema<?> data = schema(WebhookPayloadsOpenApi.name(notice.kind()) + "Data");
            assertThat(data.getProperties().keySet())
                    .as(notice.kind().type())
                    .containsAll(notice.data().keySet());
            if (notice.data().get("models") instanceof List<?> models && !models.isEmpty()) {
                Schema<?> item = data.getProperties().get("models").getItems();
                for (Object model : models) {
                    assertThat(item.getProperties().keySet())
                            .as(notice.kind().type() + " models[]")
                            .containsAll(((Map<?, ?>) model)
                                    .keySet().stream().map(String::valueOf).toList());
                    if (((Map<?, ?>) model).get("changes") instanceof List<?> changes && !changes.isEmpty()) {
                        Schema<?> change = item.getProperties().get("changes").getItems();
                        Set<String> changeFields = change.getProperties().keySet();
                        assertThat(changeFields)
                                .containsAll(((Map<?, ?>) changes.getFirst())
                                        .keySet().stream().map(String::valueOf).toList());
                    }
                }
            }
        }
    }

    /** One sync that adds, reprices and loses a model; a stopped run; revoked keys; an expiring model. */
    private static List<Notice> realNotices() {
        Notifications notifications = new Notifications(
                new Notifications.Settings(
                        new NoticeRouting(Set.of(Channel.WEBHOOK), Map.of(), LocalTime.of(8, 0), ZoneOffset.UTC),
                        new BigDecimal("0.10"),
                        "https://admin.example/console"),
                ModelUsage.UNKNOWN,
                Clock.fixed(NOW, ZoneOffset.UTC));
        UpstreamModel added =
                SampleModels.model("a/new").price("prompt", "0.000001").build();
        UpstreamModel repriced =
                SampleModels.model("a/dear").price("prompt", "0.000002").build();
        SyncPlan plan = new SyncPlan(
                List.of(new SyncPlan.Upsert(added, "f")),
                List.of(new SyncPlan.Refresh(new SyncPlan.Upsert(repriced, "g"), true, false)),
                List.of(new SyncPlan.Deactivation("a/gone", ModelStatus.ACTIVE)),
                List.of(),
                0,
                List.of(),
                List.of());
        List<CatalogModel> before = List.of(
                row(SampleModels.model("a/dear").price("prompt", "0.000001").build()),
                row(SampleModels.model("a/gone").price("prompt", "0.000001").build()));
        List<OutboxEntry> entries = new ArrayList<>(notifications.forSync(UUID.randomUUID(), before, plan));
        entries.addAll(notifications.forStoppedRun(new SyncRun(
                UUID.randomUUID(),
                SyncTrigger.SCHEDULE,
                SyncRunStatus.ABORTED,
                NOW,
                NOW,
                SyncCounts.ZERO,
                "max_deactivation_ratio: 40% of the catalog would go")));
        entries.addAll(notifications.forRevokedKeys(2, 40));
        entries.addAll(
                notifications.forExpiring(before.getFirst(), LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 2), 7));
        return entries.stream().map(OutboxEntry::notice).toList();
    }

    private static CatalogModel row(UpstreamModel model) {
        return new CatalogModel(
                UUID.randomUUID(),
                model,
                "f",
                ModelStatus.ACTIVE,
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
