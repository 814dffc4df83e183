package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.internal.generated.Tables.MODEL_ACCESS;

import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.TopProvider;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncCounts;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.jooq.internal.generated.tables.records.ModelAccessEventsRecord;
import dev.modelaccess.jooq.internal.generated.tables.records.ModelAccessRecord;
import dev.modelaccess.jooq.internal.generated.tables.records.SyncRunsRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.TableField;
import org.jspecify.annotations.Nullable;

/** How catalog rows, events and runs map to and from the domain records. */
final class CatalogRows {

    /**
     * Every upstream-owned column of {@code model_access} and how an {@link SyncPlan.Upsert} fills it, as text that
     * PostgreSQL casts to the column's type (so that every column travels as one {@code text[]} parameter).
     */
    record UpstreamColumn(TableField<ModelAccessRecord, ?> field, Function<SyncPlan.Upsert, @Nullable String> value) {}

    static final List<UpstreamColumn> UPSTREAM_COLUMNS = List.of(
            new UpstreamColumn(MODEL_ACCESS.MODEL_ID, u -> u.model().id()),
            new UpstreamColumn(MODEL_ACCESS.CANONICAL_SLUG, u -> u.model().canonicalSlug()),
            new UpstreamColumn(MODEL_ACCESS.NAME, u -> u.model().name()),
            new UpstreamColumn(MODEL_ACCESS.PROVIDER, u -> u.model().provider()),
            new UpstreamColumn(MODEL_ACCESS.DESCRIPTION, u -> u.model().description()),
            new UpstreamColumn(MODEL_ACCESS.CREATED, u -> text(u.model().created())),
            new UpstreamColumn(MODEL_ACCESS.CONTEXT_LENGTH, u -> text(u.model().contextLength())),
            new UpstreamColumn(
                    MODEL_ACCESS.MODALITY, u -> u.model().architecture().modality()),
            new UpstreamColumn(
                    MODEL_ACCESS.INPUT_MODALITIES,
                    u -> JsonText.textArray(u.model().architecture().inputModalities())),
            new UpstreamColumn(
                    MODEL_ACCESS.OUTPUT_MODALITIES,
                    u -> JsonText.textArray(u.model().architecture().outputModalities())),
            new UpstreamColumn(
                    MODEL_ACCESS.TOKENIZER, u -> u.model().architecture().tokenizer()),
            new UpstreamColumn(
                    MODEL_ACCESS.INSTRUCT_TYPE, u -> u.model().architecture().instructType()),
            new UpstreamColumn(
                    MODEL_ACCESS.TOP_PROVIDER_CONTEXT_LENGTH,
                    u -> text(u.model().topProvider().contextLength())),
            new UpstreamColumn(
                    MODEL_ACCESS.TOP_PROVIDER_MAX_COMPLETION_TOKENS,
                    u -> text(u.model().topProvider().maxCompletionTokens())),
            new UpstreamColumn(
                    MODEL_ACCESS.TOP_PROVIDER_IS_MODERATED,
                    u -> text(u.model().topProvider().moderated())),
            new UpstreamColumn(
                    MODEL_ACCESS.SUPPORTED_PARAMETERS,
                    u -> JsonText.textArray(u.model().supportedParameters())),
            new UpstreamColumn(MODEL_ACCESS.HUGGING_FACE_ID, u -> u.model().huggingFaceId()),
            new UpstreamColumn(MODEL_ACCESS.EXPIRATION_DATE, u -> u.model().expirationDate()),
            new UpstreamColumn(MODEL_ACCESS.KNOWLEDGE_CUTOFF, u -> u.model().knowledgeCutoff()),
            new UpstreamColumn(
                    MODEL_ACCESS.PRICING_PROMPT, u -> text(u.model().pricing().prompt())),
            new UpstreamColumn(
                    MODEL_ACCESS.PRICING_COMPLETION,
                    u -> text(u.model().pricing().completion())),
            new UpstreamColumn(
                    MODEL_ACCESS.PRICING, u -> JsonText.pricing(u.model().pricing())),
            new UpstreamColumn(MODEL_ACCESS.UPSTREAM, u -> u.model().rawJson()),
            new UpstreamColumn(MODEL_ACCESS.UPSTREAM_SHA256, SyncPlan.Upsert::fingerprint));

    private CatalogRows() {}

    static CatalogModel model(ModelAccessRecord row) {
        try {
            UpstreamModel upstream = new UpstreamModel(
                    row.getModelId(),
                    row.getCanonicalSlug(),
                    row.getName(),
                    row.getDescription(),
                    instantOrNull(row.getCreated()),
                    row.getContextLength(),
                    new Architecture(
                            row.getModality(),
                            texts(row.getInputModalities()),
                            texts(row.getOutputModalities()),
                            row.getTokenizer(),
                            row.getInstructType()),
                    new TopProvider(
                            row.getTopProviderContextLength(),
                            row.getTopProviderMaxCompletionTokens(),
                            row.getTopProviderIsModerated()),
                    texts(row.getSupportedParameters()),
                    row.getHuggingFaceId(),
                    row.getExpirationDate(),
                    row.getKnowledgeCutoff(),
                    JsonText.pricing(row.getPricing().data()),
                    row.getUpstream().data());
            String before = row.getStatusBeforeInactive();
            return new CatalogModel(
                    row.getId(),
                    upstream,
                    row.getUpstreamSha256(),
                    ModelStatus.fromDbValue(row.getStatus()),
                    before == null ? null : ModelStatus.fromDbValue(before),
                    new TierFlags(row.getIsFree(), row.getIsPro(), row.getIsEnterprise()),
                    instant(row.getFirstSeenAt()),
                    instant(row.getLastSeenAt()),
                    instantOrNull(row.getRemovedAt()),
                    instant(row.getStatusChangedAt()),
                    row.getReviewedBy(),
                    instantOrNull(row.getReviewedAt()),
                    instant(row.getCreatedAt()),
                    instant(row.getUpdatedAt()));
        } catch (IllegalArgumentException e) {
            throw StoreException.of(
                    "The catalog row of '" + abbreviate(row.getModelId()) + "' cannot be read: " + e.getMessage(),
                    null,
                    e);
        }
    }

    static ModelEvent event(ModelAccessEventsRecord row) {
        return new ModelEvent(
                row.getModelId(),
                EventKind.fromDbValue(row.getKind()),
                JsonText.texts(row.getOldValue().data()),
                JsonText.texts(row.getNewValue().data()),
                row.getActor(),
                instant(row.getAt()));
    }

    static SyncRun run(SyncRunsRecord row) {
        return new SyncRun(
                row.getId(),
                SyncTrigger.fromDbValue(row.getTrigger()),
                SyncRunStatus.fromDbValue(row.getStatus()),
                instant(row.getStartedAt()),
                instant(row.getFinishedAt()),
                new SyncCounts(
                        row.getAdded(),
                        row.getUpdated(),
                        row.getDeactivated(),
                        row.getReactivated(),
                        row.getUnchanged(),
                        row.getSkippedInvalid()),
                row.getError());
    }

    static SyncRunsRecord record(SyncRun run) {
        SyncCounts counts = run.counts();
        return new SyncRunsRecord(
                run.id(),
                run.trigger().dbValue(),
                run.status().dbValue(),
                time(run.startedAt()),
                time(run.finishedAt()),
                counts.added(),
                counts.updated(),
                counts.deactivated(),
                counts.reactivated(),
                counts.unchanged(),
                counts.skippedInvalid(),
                run.error());
    }

    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static String abbreviate(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "…";
    }

    private static Instant instant(OffsetDateTime time) {
        return Objects.requireNonNull(time, "timestamp").toInstant();
    }

    private static @Nullable Instant instantOrNull(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static List<String> texts(String @Nullable [] values) {
        return values == null
                ? List.of()
                : Arrays.stream(values).filter(Objects::nonNull).toList();
    }

    private static @Nullable String text(@Nullable Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value == null ? null : value.toString();
    }
}
