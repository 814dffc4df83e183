package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.CatalogRows.time;
import static dev.modelaccess.jooq.Tables.MODEL_ACCESS;
import static dev.modelaccess.jooq.Tables.MODEL_SUCCESSORS;
import static dev.modelaccess.jooq.Tables.TIER_DEFAULTS;

import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.port.SuccessionStore;
import dev.modelaccess.core.port.SuccessionTransaction;
import dev.modelaccess.core.succession.SuccessionSnapshot;
import dev.modelaccess.core.succession.Successor;
import dev.modelaccess.core.succession.TierDefault;
import dev.modelaccess.core.sync.ModelEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Successors ({@code model_successors}) and tier defaults ({@code tier_defaults}) on PostgreSQL ({@link
 * JooqModelAccess#successionStore()}). Both tables point at {@code model_access} rows by id; reads join the model ids
 * in. A transaction also binds its {@code DSLContext} to the thread for its duration ({@link TransactionScope}), so
 * that the adapter's own {@link dev.modelaccess.core.port.ModelReferences} (users' default models) write through it.
 */
final class JooqSuccessionStore implements SuccessionStore {

    private final DSLContext dsl;

    JooqSuccessionStore(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public SuccessionSnapshot loadSuccession() {
        return StoreErrors.guard("Could not load the successors and tier defaults", () -> load(dsl));
    }

    @Override
    public <T> T inSuccessionTransaction(Function<? super SuccessionTransaction, ? extends T> work) {
        Objects.requireNonNull(work, "work");
        return StoreErrors.inTransaction(
                dsl, "succession", tx -> TransactionScope.within(tx, () -> work.apply(new Transaction(tx))));
    }

    static SuccessionSnapshot load(DSLContext dsl) {
        var model = MODEL_ACCESS.as("model");
        var successor = MODEL_ACCESS.as("successor");
        List<Successor> successors = dsl.select(
                        model.field(MODEL_ACCESS.MODEL_ID),
                        successor.field(MODEL_ACCESS.MODEL_ID),
                        MODEL_SUCCESSORS.NAMED_BY,
                        MODEL_SUCCESSORS.NAMED_AT,
                        MODEL_SUCCESSORS.CARRIED_OVER_AT)
                .from(MODEL_SUCCESSORS)
                .join(model)
                .on(model.field(MODEL_ACCESS.ID).eq(MODEL_SUCCESSORS.MODEL_ACCESS_ID))
                .join(successor)
                .on(successor.field(MODEL_ACCESS.ID).eq(MODEL_SUCCESSORS.SUCCESSOR_ID))
                .fetch(row -> new Successor(
                        row.value1(),
                        row.value2(),
                        row.value3(),
                        row.value4().toInstant(),
                        CatalogRows.instantOrNull(row.value5())));
        List<TierDefault> tierDefaults = dsl
                .select(TIER_DEFAULTS.TIER, MODEL_ACCESS.MODEL_ID, TIER_DEFAULTS.SET_BY, TIER_DEFAULTS.SET_AT)
                .from(TIER_DEFAULTS)
                .join(MODEL_ACCESS)
                .on(MODEL_ACCESS.ID.eq(TIER_DEFAULTS.MODEL_ACCESS_ID))
                .fetch()
                .stream()
                .flatMap(row -> Tier.parse(row.value1())
                        .map(tier -> new TierDefault(
                                tier, row.value2(), row.value3(), row.value4().toInstant()))
                        .stream())
                .toList();
        return SuccessionSnapshot.of(successors, tierDefaults, Instant.EPOCH);
    }

    /** The writes of one transaction; every statement addresses models by {@code model_id}. */
    static final class Transaction implements SuccessionTransaction {

        private final DSLContext dsl;
        private final JooqStoreTransaction catalog;

        Transaction(DSLContext dsl) {
            this.dsl = dsl;
            this.catalog = new JooqStoreTransaction(dsl, Duration.ZERO);
        }

        @Override
        public Optional<CatalogModel> lockModel(String modelId) {
            return catalog.lockModel(modelId);
        }

        @Override
        public SuccessionSnapshot loadSuccession() {
            return StoreErrors.guard("Could not load the successors and tier defaults", () -> load(dsl));
        }

        @Override
        public void saveSuccessor(Successor successor) {
            var model = MODEL_ACCESS.as("model");
            var next = MODEL_ACCESS.as("successor");
            int written = StoreErrors.guard(
                    "Could not store the successor of '" + CatalogRows.abbreviate(successor.modelId()) + "'",
                    () -> dsl.insertInto(
                                    MODEL_SUCCESSORS,
                                    MODEL_SUCCESSORS.MODEL_ACCESS_ID,
                                    MODEL_SUCCESSORS.SUCCESSOR_ID,
                                    MODEL_SUCCESSORS.NAMED_BY,
                                    MODEL_SUCCESSORS.NAMED_AT,
                                    MODEL_SUCCESSORS.CARRIED_OVER_AT)
                            .select(dsl.select(
                                            model.field(MODEL_ACCESS.ID),
                                            next.field(MODEL_ACCESS.ID),
                                            DSL.val(successor.namedBy()),
                                            DSL.val(time(successor.namedAt())),
                                            DSL.val(CatalogRows.timeOrNull(successor.carriedOverAt())))
                                    .from(model, next)
                                    .where(model.field(MODEL_ACCESS.MODEL_ID).eq(successor.modelId()))
                                    .and(next.field(MODEL_ACCESS.MODEL_ID).eq(successor.successorId())))
                            .onConflict(MODEL_SUCCESSORS.MODEL_ACCESS_ID)
                            .doUpdate()
                            .set(MODEL_SUCCESSORS.SUCCESSOR_ID, DSL.excluded(MODEL_SUCCESSORS.SUCCESSOR_ID))
                            .set(MODEL_SUCCESSORS.NAMED_BY, DSL.excluded(MODEL_SUCCESSORS.NAMED_BY))
                            .set(MODEL_SUCCESSORS.NAMED_AT, DSL.excluded(MODEL_SUCCESSORS.NAMED_AT))
                            .set(MODEL_SUCCESSORS.CARRIED_OVER_AT, DSL.excluded(MODEL_SUCCESSORS.CARRIED_OVER_AT))
                            .execute());
            if (written == 0) {
                throw new ModelNotFoundException(successor.modelId());
            }
        }

        @Override
        public boolean deleteSuccessor(String modelId) {
            return StoreErrors.guard(
                            "Could not remove the successor of '" + CatalogRows.abbreviate(modelId) + "'",
                            () -> dsl.deleteFrom(MODEL_SUCCESSORS)
                                    .where(MODEL_SUCCESSORS.MODEL_ACCESS_ID.eq(idOf(modelId)))
                                    .execute())
                    > 0;
        }

        @Override
        public void markCarriedOver(String modelId, Instant at) {
            StoreErrors.guard(
                    "Could not record the carry-over of '" + CatalogRows.abbreviate(modelId) + "'",
                    () -> dsl.update(MODEL_SUCCESSORS)
                            .set(MODEL_SUCCESSORS.CARRIED_OVER_AT, time(at))
                            .where(MODEL_SUCCESSORS.MODEL_ACCESS_ID.eq(idOf(modelId)))
                            .execute());
        }

        @Override
        public void saveTierDefault(TierDefault tierDefault) {
            int written = StoreErrors.guard(
                    "Could not store the default model of the "
                            + tierDefault.tier().dbValue() + " tier",
                    () -> dsl.insertInto(
                                    TIER_DEFAULTS,
                                    TIER_DEFAULTS.TIER,
                                    TIER_DEFAULTS.MODEL_ACCESS_ID,
                                    TIER_DEFAULTS.SET_BY,
                                    TIER_DEFAULTS.SET_AT)
                            .select(dsl.select(
                                            DSL.val(tierDefault.tier().dbValue()),
                                            MODEL_ACCESS.ID,
                                            DSL.val(tierDefault.setBy()),
                                            DSL.val(time(tierDefault.setAt())))
                                    .from(MODEL_ACCESS)
                                    .where(MODEL_ACCESS.MODEL_ID.eq(tierDefault.modelId())))
                            .onConflict(TIER_DEFAULTS.TIER)
                            .doUpdate()
                            .set(TIER_DEFAULTS.MODEL_ACCESS_ID, DSL.excluded(TIER_DEFAULTS.MODEL_ACCESS_ID))
                            .set(TIER_DEFAULTS.SET_BY, DSL.excluded(TIER_DEFAULTS.SET_BY))
                            .set(TIER_DEFAULTS.SET_AT, DSL.excluded(TIER_DEFAULTS.SET_AT))
                            .execute());
            if (written == 0) {
                throw new ModelNotFoundException(tierDefault.modelId());
            }
        }

        @Override
        public boolean deleteTierDefault(Tier tier) {
            return StoreErrors.guard(
                            "Could not remove the default model of the " + tier.dbValue() + " tier",
                            () -> dsl.deleteFrom(TIER_DEFAULTS)
                                    .where(TIER_DEFAULTS.TIER.eq(tier.dbValue()))
                                    .execute())
                    > 0;
        }

        @Override
        public void appendEvents(List<ModelEvent> events) {
            catalog.appendEvents(events);
        }

        private org.jooq.Field<java.util.UUID> idOf(String modelId) {
            return DSL.field(dsl.select(MODEL_ACCESS.ID).from(MODEL_ACCESS).where(MODEL_ACCESS.MODEL_ID.eq(modelId)));
        }
    }
}
