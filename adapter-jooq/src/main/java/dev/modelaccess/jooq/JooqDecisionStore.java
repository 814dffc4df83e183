package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.Tables.MODEL_ACCESS;
import static dev.modelaccess.jooq.Tables.MODEL_SUCCESSORS;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.decisions.ModelDecision;
import dev.modelaccess.core.policy.RuleSet;
import dev.modelaccess.core.port.DecisionStore;
import dev.modelaccess.core.port.DecisionTransaction;
import dev.modelaccess.core.succession.SuccessionSnapshot;
import dev.modelaccess.core.succession.Successor;
import dev.modelaccess.core.succession.TierDefault;
import dev.modelaccess.core.sync.ModelEvent;
import java.io.Serial;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Every admin decision in one transaction ({@link JooqModelAccess#decisionStore()}): the catalog's admin columns
 * ({@link AdminWrites}), the successors and tier defaults ({@link JooqSuccessionStore}'s writes), the rules ({@link
 * JooqCatalogPolicy}'s) and the events, all through one {@code DSLContext}. The transaction is bound to the thread
 * ({@link TransactionScope}) so that a carry-over's moves of users' defaults join it.
 */
final class JooqDecisionStore implements DecisionStore {

    private final DSLContext dsl;

    JooqDecisionStore(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public <T> T inDecisionTransaction(Function<? super DecisionTransaction, ? extends T> work) {
        Objects.requireNonNull(work, "work");
        return StoreErrors.inTransaction(
                dsl, "decision", tx -> TransactionScope.within(tx, () -> work.apply(new Transaction(tx))));
    }

    /** The transaction ends by throwing {@link RolledBack} with the answer, which rolls it back. */
    @Override
    public <T> T inRolledBackTransaction(Function<? super DecisionTransaction, ? extends T> work) {
        Objects.requireNonNull(work, "work");
        try {
            inDecisionTransaction(tx -> {
                throw new RolledBack(work.apply(tx));
            });
            throw new IllegalStateException("unreachable: the transaction always throws");
        } catch (RolledBack rolledBack) {
            @SuppressWarnings("unchecked")
            T answer = (T) rolledBack.answer;
            return answer;
        }
    }

    /** Carries a rolled-back transaction's answer out of it. */
    private static final class RolledBack extends ModelAccessException {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient Object answer;

        RolledBack(Object answer) {
            super("rolled back on purpose");
            this.answer = answer;
        }
    }

    /** One transaction's reads and writes. */
    private static final class Transaction implements DecisionTransaction {

        private final DSLContext dsl;
        private final JooqStoreTransaction catalog;
        private final JooqSuccessionStore.Transaction succession;

        Transaction(DSLContext dsl) {
            this.dsl = dsl;
            this.catalog = new JooqStoreTransaction(dsl, Duration.ZERO);
            this.succession = new JooqSuccessionStore.Transaction(dsl);
        }

        /** One query: four admin columns of every row and the successor's id, no upstream description. */
        @Override
        public List<ModelDecision> loadDecisions() {
            var successor = MODEL_ACCESS.as("successor");
            return StoreErrors.guard(
                    "Could not load the admin decisions",
                    () -> dsl.select(
                                    MODEL_ACCESS.MODEL_ID,
                                    MODEL_ACCESS.STATUS,
                                    MODEL_ACCESS.IS_FREE,
                                    MODEL_ACCESS.IS_PRO,
                                    MODEL_ACCESS.IS_ENTERPRISE,
                                    successor.field(MODEL_ACCESS.MODEL_ID))
                            .from(MODEL_ACCESS)
                            .leftJoin(MODEL_SUCCESSORS)
                            .on(MODEL_SUCCESSORS.MODEL_ACCESS_ID.eq(MODEL_ACCESS.ID))
                            .leftJoin(successor)
                            .on(successor.field(MODEL_ACCESS.ID).eq(MODEL_SUCCESSORS.SUCCESSOR_ID))
                            .fetch(row -> new ModelDecision(
                                    row.value1(),
                                    ModelStatus.fromDbValue(row.value2()),
                                    new TierFlags(row.value3(), row.value4(), row.value5()),
                                    row.value6())));
        }

        @Override
        public List<CatalogModel> lockModels(Collection<String> modelIds) {
            return StoreErrors.guard("Could not lock the models", () -> CatalogReads.lockModels(dsl, modelIds));
        }

        @Override
        public void applyAdminUpdates(List<AdminUpdate> updates, Instant at) {
            catalog.applyAdminUpdates(updates, at);
        }

        @Override
        public RuleSet loadRules() {
            return JooqCatalogPolicy.load(dsl);
        }

        @Override
        public void replaceRules(RuleSet rules) {
            JooqCatalogPolicy.write(dsl, rules);
        }

        @Override
        public Optional<CatalogModel> lockModel(String modelId) {
            return catalog.lockModel(modelId);
        }

        @Override
        public SuccessionSnapshot loadSuccession() {
            return succession.loadSuccession();
        }

        @Override
        public void saveSuccessor(Successor successor) {
            this.succession.saveSuccessor(successor);
        }

        @Override
        public boolean deleteSuccessor(String modelId) {
            return succession.deleteSuccessor(modelId);
        }

        @Override
        public void markCarriedOver(String modelId, Instant at) {
            succession.markCarriedOver(modelId, at);
        }

        @Override
        public void saveTierDefault(TierDefault tierDefault) {
            succession.saveTierDefault(tierDefault);
        }

        @Override
        public boolean deleteTierDefault(Tier tier) {
            return succession.deleteTierDefault(tier);
        }

        @Override
        public void appendEvents(List<ModelEvent> events) {
            catalog.appendEvents(events);
        }
    }
}
