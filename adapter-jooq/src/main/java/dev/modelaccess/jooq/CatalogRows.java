package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.Tables.MODEL_ACCESS;

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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/** How catalog rows, events and runs map to and from the domain records. */
final class CatalogRows {

    /**
     * An upstream-owned column of {@code model_access} and how a {@link SyncPlan.Upsert} fills it. It travels in
     * {@code type}: its own type, or text that PostgreSQL casts to it for the {@code text[]} and {@code jsonb} columns
     * (an array of arrays cannot be unnested row by row, and JSON is text).
     */
    record UpstreamColumn(
            TableField<ModelAccessRecord, ?> field,
            DataType<?> type,
            Function<SyncPlan.Upsert, ? extends @Nullable Object> value) {

        static <T> UpstreamColumn typed(
                TableField<ModelAccessRecord, T> field, Function<SyncPlan.Upsert, ? extends @Nullable T> value) {
            return new UpstreamColumn(field, field.getDataType(), value);
        }

        static UpstreamColumn text(
                TableField<ModelAccessRecord, ?> field, Function<SyncPlan.Upsert, ? extends @Nullable String> value) {
            return new UpstreamColumn(field, SQLDataType.CLOB, value);
        }

        String name() {
            return field.getName();
        }

        @SuppressWarnings("unchecked")
        Unnest.Column values(List<SyncPlan.Upsert> upserts) {
            return Unnest.column(name(), (DataType<Object>) type, upserts, value);
        }

        /** This column's value in the unnested rows, of the column's type. */
        Field<?> unnested() {
            Field<?> value = Unnest.field(name(), type);
            return type == field.getDataType() ? value : value.cast(field.getDataType());
        }
    }

    static final List<UpstreamColumn> UPSTREAM_COLUMNS = List.of(
            UpstreamColumn.typed(MODEL_ACCESS.MODEL_ID, u -> u.model().id()),
            UpstreamColumn.typed(MODEL_ACCESS.CANONICAL_SLUG, u -> u.model().canonicalSlug()),
            UpstreamColumn.typed(MODEL_ACCESS.NAME, u -> u.model().name()),
            UpstreamColumn.typed(MODEL_ACCESS.PROVIDER, u -> u.model().provider()),
            UpstreamColumn.typed(MODEL_ACCESS.DESCRIPTION, u -> u.model().description()),
            UpstreamColumn.typed(MODEL_ACCESS.CREATED, u -> timeOrNull(u.model().created())),
            UpstreamColumn.typed(MODEL_ACCESS.CONTEXT_LENGTH, u -> u.model().contextLength()),
            UpstreamColumn.typed(
                    MODEL_ACCESS.MODALITY, u -> u.model().architecture().modality()),
            UpstreamColumn.text(
                    MODEL_ACCESS.INPUT_MODALITIES,
                    u -> StoredJson.textArray(u.model().architecture().inputModalities())),
            UpstreamColumn.text(
                    MODEL_ACCESS.OUTPUT_MODALITIES,
                    u -> StoredJson.textArray(u.model().architecture().outputModalities())),
            UpstreamColumn.typed(
                    MODEL_ACCESS.TOKENIZER, u -> u.model().architecture().tokenizer()),
            UpstreamColumn.typed(
                    MODEL_ACCESS.INSTRUCT_TYPE, u -> u.model().architecture().instructType()),
            UpstreamColumn.typed(
                    MODEL_ACCESS.TOP_PROVIDER_CONTEXT_LENGTH,
                    u -> u.model().topProvider().contextLength()),
            UpstreamColumn.typed(
                    MODEL_ACCESS.TOP_PROVIDER_MAX_COMPLETION_TOKENS,
                    u -> u.model().topProvider().maxCompletionTokens()),
            UpstreamColumn.typed(
                    MODEL_ACCESS.TOP_PROVIDER_IS_MODERATED,
                    u -> u.model().topProvider().moderated()),
            UpstreamColumn.text(
                    MODEL_ACCESS.SUPPORTED_PARAMETERS,
                    u -> StoredJson.textArray(u.model().supportedParameters())),
            UpstreamColumn.typed(MODEL_ACCESS.HUGGING_FACE_ID, u -> u.model().huggingFaceId()),
            UpstreamColumn.typed(MODEL_ACCESS.EXPIRATION_DATE, u -> u.model().expirationDate()),
            UpstreamColumn.typed(MODEL_ACCESS.KNOWLEDGE_CUTOFF, u -> u.model().knowledgeCutoff()),
            UpstreamColumn.typed(
                    MODEL_ACCESS.PRICING_PROMPT, u -> u.model().pricing().prompt()),
            UpstreamColumn.typed(
                    MODEL_ACCESS.PRICING_COMPLETION, u -> u.model().pricing().completion()),
            UpstreamColumn.text(
                    MODEL_ACCESS.PRICING, u -> StoredJson.pricing(u.model().pricing())),
            UpstreamColumn.text(MODEL_ACCESS.UPSTREAM, u -> u.model().rawJson()),
            UpstreamColumn.typed(MODEL_ACCESS.UPSTREAM_SHA256, SyncPlan.Upsert::fingerprint));

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
                    StoredJson.pricing(row.getPricing().data()),
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
                StoredJson.texts(row.getOldValue().data()),
                StoredJson.texts(row.getNewValue().data()),
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

    static @Nullable OffsetDateTime timeOrNull(@Nullable Instant instant) {
        return instant == null ? null : time(instant);
    }

    static String abbreviate(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "…";
    }

    private static Instant instant(OffsetDateTime time) {
        return Objects.requireNonNull(time, "timestamp").toInstant();
    }

    static @Nullable Instant instantOrNull(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static List<String> texts(String @Nullable [] values) {
        return values == null
                ? List.of()
                : Arrays.stream(values).filter(Objects::nonNull).toList();
    }
}
