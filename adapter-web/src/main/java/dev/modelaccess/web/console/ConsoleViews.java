package dev.modelaccess.web.console;

import dev.modelaccess.core.access.TierMenu;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.Pricing;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.ExpiringModel;
import dev.modelaccess.core.sync.ModelEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What the console's endpoints answer. Every view names its fields in snake_case itself, so the host's own JSON
 * settings neither change it nor are changed. Prices are decimal strings in USD per token, exactly as upstream
 * wrote them ({@code -1} variable).
 */
final class ConsoleViews {

    private ConsoleViews() {}

    /** One row of the console's list. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ModelRow(
            String id,
            @Nullable String name,
            String provider,
            @Nullable String modality,
            @Nullable Long contextLength,
            @Nullable String promptPrice,
            @Nullable String completionPrice,
            String status,
            boolean isFree,
            boolean isPro,
            boolean isEnterprise,
            @Nullable String expirationDate,
            Instant firstSeenAt,
            Instant updatedAt) {

        static ModelRow of(CatalogModel model) {
            UpstreamModel upstream = model.upstream();
            return new ModelRow(
                    model.modelId(),
                    upstream.name(),
                    upstream.provider(),
                    upstream.architecture().modality(),
                    upstream.contextLength(),
                    plain(upstream.pricing().prompt()),
                    plain(upstream.pricing().completion()),
                    model.status().dbValue(),
                    model.tiers().free(),
                    model.tiers().pro(),
                    model.tiers().enterprise(),
                    upstream.expirationDate(),
                    model.firstSeenAt(),
                    model.updatedAt());
        }
    }

    /** A page of the list, how many match in all, and how many models are in each status. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ModelPage(List<ModelRow> data, long total, Map<String, Long> counts) {}

    /**
     * A model expiring upstream.
     *
     * @param defaultUsers how many users have it as their default model; {@code null} when the host's profiles
     *     cannot tell
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ExpiringView(
            ModelRow model,
            LocalDate expiresOn,
            boolean expired,
            @Nullable Long defaultUsers) {
        static ExpiringView of(ExpiringModel expiring, LocalDate today, @Nullable Long defaultUsers) {
            return new ExpiringView(
                    ModelRow.of(expiring.model()),
                    expiring.expiresOn(),
                    expiring.expiresOn().isBefore(today),
                    defaultUsers);
        }
    }

    /** The models expiring within {@code days} of {@code today} (UTC), or already past, soonest first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ExpiringList(LocalDate today, int days, List<ExpiringView> data) {}

    /** One model with every upstream detail the console shows, and its recent events (newest first). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ModelDetail(
            ModelRow model,
            @Nullable String description,
            @Nullable String canonicalSlug,
            @Nullable Instant created,
            Map<String, Object> pricing,
            Map<String, Object> architecture,
            Map<String, Object> topProvider,
            List<String> supportedParameters,
            @Nullable String huggingFaceId,
            @Nullable String knowledgeCutoff,
            @Nullable Instant removedAt,
            @Nullable String reviewedBy,
            @Nullable Instant reviewedAt,
            @Nullable Long defaultUsers,
            List<EventView> events) {

        static ModelDetail of(CatalogModel model, List<ModelEvent> events, @Nullable Long defaultUsers) {
            UpstreamModel upstream = model.upstream();
            Map<String, Object> architecture = new LinkedHashMap<>();
            architecture.put("modality", upstream.architecture().modality());
            architecture.put("input_modalities", upstream.architecture().inputModalities());
            architecture.put("output_modalities", upstream.architecture().outputModalities());
            architecture.put("tokenizer", upstream.architecture().tokenizer());
            architecture.put("instruct_type", upstream.architecture().instructType());
            Map<String, Object> topProvider = new LinkedHashMap<>();
            topProvider.put("context_length", upstream.topProvider().contextLength());
            topProvider.put("max_completion_tokens", upstream.topProvider().maxCompletionTokens());
            topProvider.put("is_moderated", upstream.topProvider().moderated());
            return new ModelDetail(
                    ModelRow.of(model),
                    upstream.description(),
                    upstream.canonicalSlug(),
                    upstream.created(),
                    ConsoleViews.pricing(upstream.pricing()),
                    architecture,
                    topProvider,
                    upstream.supportedParameters(),
                    upstream.huggingFaceId(),
                    upstream.knowledgeCutoff(),
                    model.removedAt(),
                    model.reviewedBy(),
                    model.reviewedAt(),
                    defaultUsers,
                    events.stream().map(EventView::of).toList());
        }
    }

    /** One entry of a model's history. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EventView(String kind, Map<String, String> before, Map<String, String> after, String actor, Instant at) {
        static EventView of(ModelEvent event) {
            return new EventView(event.kind().dbValue(), event.before(), event.after(), event.actor(), event.at());
        }
    }

    /** One entry of a tier's dropdown. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MenuEntry(
            String id, @Nullable String name, @Nullable Long contextLength) {}

    /** What a user of {@code tier} picks from now, in the order the user sees. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TierPreview(String tier, String source, Instant asOf, List<MenuEntry> data) {
        static TierPreview of(TierMenu menu) {
            return new TierPreview(
                    menu.tier().dbValue(),
                    menu.source().name().toLowerCase(java.util.Locale.ROOT),
                    menu.asOf(),
                    menu.models().stream()
                            .map(model -> new MenuEntry(model.id(), model.name(), model.contextLength()))
                            .toList());
        }
    }

    static Map<String, Object> pricing(Pricing pricing) {
        Map<String, Object> view = new LinkedHashMap<>();
        pricing.components().forEach((name, value) -> view.put(name, value.toPlainString()));
        if (!pricing.overrides().isEmpty()) {
            view.put(
                    "overrides",
                    pricing.overrides().stream()
                            .map(override -> {
                                Map<String, String> values = new LinkedHashMap<>();
                                override.forEach((name, value) -> values.put(name, value.toPlainString()));
                                return values;
                            })
                            .toList());
        }
        return view;
    }

    private static @Nullable String plain(@Nullable BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
