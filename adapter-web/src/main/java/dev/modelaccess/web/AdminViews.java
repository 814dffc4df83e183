package dev.modelaccess.web;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.Pricing;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncRun;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the admin API answers (serialised in snake_case). */
final class AdminViews {

    private AdminViews() {}

    /** One catalog model as the admin sees it; prices are decimal strings. */
    record ModelView(
            String id,
            @Nullable String name,
            String provider,
            String status,
            boolean isFree,
            boolean isPro,
            boolean isEnterprise,
            Map<String, Object> pricing,
            @Nullable Long contextLength,
            Instant firstSeenAt,
            Instant lastSeenAt,
            @Nullable Instant removedAt,
            Instant statusChangedAt,
            @Nullable String reviewedBy,
            @Nullable Instant reviewedAt,
            Instant updatedAt) {

        static ModelView of(CatalogModel model) {
            return new ModelView(
                    model.modelId(),
                    model.upstream().name(),
                    model.upstream().provider(),
                    model.status().dbValue(),
                    model.tiers().free(),
                    model.tiers().pro(),
                    model.tiers().enterprise(),
                    AdminViews.pricing(model.upstream().pricing()),
                    model.upstream().contextLength(),
                    model.firstSeenAt(),
                    model.lastSeenAt(),
                    model.removedAt(),
                    model.statusChangedAt(),
                    model.reviewedBy(),
                    model.reviewedAt(),
                    model.updatedAt());
        }
    }

    /** A page of models. */
    record ModelPage(List<ModelView> data, long total) {}

    /** Models a review changed. */
    record ModelList(List<ModelView> data) {}

    /** A review of every model matching a filter: how many matched, how many changed, whether it was a dry run. */
    record MatchingReview(long matching, int changed, boolean dryRun) {}

    /** One entry of a model's history. */
    record EventView(
            String model,
            String kind,
            Map<String, String> before,
            Map<String, String> after,
            String actor,
            Instant at) {
        static EventView of(ModelEvent event) {
            return new EventView(
                    event.modelId(), event.kind().dbValue(), event.before(), event.after(), event.actor(), event.at());
        }
    }

    /** A model's history, newest first. */
    record EventList(List<EventView> data) {}

    /** A recorded sync run. */
    record RunSummary(
            UUID id,
            String status,
            String trigger,
            Instant startedAt,
            Instant finishedAt,
            int added,
            int updated,
            int deactivated,
            int reactivated,
            int unchanged,
            int skippedInvalid,
            @Nullable String error) {
        static RunSummary of(SyncRun run) {
            return new RunSummary(
                    run.id(),
                    run.status().dbValue(),
                    run.trigger().dbValue(),
                    run.startedAt(),
                    run.finishedAt(),
                    run.counts().added(),
                    run.counts().updated(),
                    run.counts().deactivated(),
                    run.counts().reactivated(),
                    run.counts().unchanged(),
                    run.counts().skippedInvalid(),
                    run.error());
        }
    }

    /** Recent runs, newest first. */
    record RunList(List<RunSummary> data) {}

    static Map<String, Object> pricing(Pricing pricing) {
        Map<String, Object> view = new LinkedHashMap<>();
        pricing.components().forEach((name, value) -> view.put(name, plain(value)));
        if (!pricing.overrides().isEmpty()) {
            view.put(
                    "overrides",
                    pricing.overrides().stream().map(AdminViews::plain).toList());
        }
        return view;
    }

    private static Map<String, String> plain(SortedMap<String, BigDecimal> values) {
        Map<String, String> view = new LinkedHashMap<>();
        values.forEach((name, value) -> view.put(name, plain(value)));
        return view;
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
