package dev.modelaccess.testsupport.contract;

import static dev.modelaccess.testsupport.contract.SampleModels.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.access.AdminLifecycle;
import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelFingerprint;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.ModelCatalogReconciler;
import dev.modelaccess.core.sync.Reconciliation;
import dev.modelaccess.core.sync.SyncCounts;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every {@link ModelAccessStore} must do, exercised only through the port. The suites are split by capability,
 * as ShedLock splits its lock provider tests, so that a new store can pass one part at a time: {@link
 * CatalogRoundTripContract}, {@link CatalogSearchContract}, {@link SyncApplyContract}, {@link AdminUpdateContract},
 * {@link StoreTransactionContract} and {@link RunsAndEventsContract}, each abstract with the same hook, {@link
 * #createStore()}. The catalog is filled the way the product fills it: plans from {@link ModelCatalogReconciler}
 * applied in {@link ModelAccessStore#inTransaction store transactions}, admin decisions from {@link AdminLifecycle}.
 *
 * <p>To run them all against a store, nest one class per suite:
 *
 * <pre>{@code
 * class JooqModelAccessStoreContractTest {
 *     @Nested
 *     class SyncApply extends SyncApplyContract {
 *         @Override
 *         protected ModelAccessStore createStore() {
 *             return JooqModelAccess.of(dataSource).store(); // on an empty schema
 *         }
 *     }
 *     // ... one per suite
 * }
 * }</pre>
 *
 * <p>Times in these suites are whole seconds, so that a store keeping microseconds (PostgreSQL's {@code
 * timestamptz}) round-trips them exactly. Lists are checked in model-id order only with ids whose order is the
 * same under every collation.
 */
public abstract class StoreContract {

    /** When the first sync of a test runs; later steps use {@link #T2}, {@link #T3}. */
    protected static final Instant T1 = Instant.parse("2025-06-01T03:00:00Z");

    protected static final Instant T2 = Instant.parse("2025-06-02T03:00:00Z");
    protected static final Instant T3 = Instant.parse("2025-06-03T03:00:00Z");

    protected static final String ADMIN = "4f1c2a55-5b1e-4c43-9d0e-1c5a7f3e2b10";

    private static final SyncGuards NO_RATIO_GUARDS = new SyncGuards(0, 1);

    /** The store under test, new for every test. */
    protected ModelAccessStore store;

    /**
     * Creates the store under test, called before every test. It must be empty: no catalog row, no event, no run
     * (for a database, a fresh schema or truncated tables).
     */
    protected abstract ModelAccessStore createStore();

    /**
     * Asserts that the stored upstream JSON came back as written. By default the text must be identical; a store
     * that keeps it as {@code jsonb} (which normalises white space and key order) may override this to compare
     * the two as JSON values.
     */
    protected void assertSameUpstreamJson(String actual, String expected) {
        assertThat(actual).isEqualTo(expected);
    }

    @BeforeEach
    final void createStoreUnderTest() {
        store = createStore();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Brings the catalog in line with {@code upstream} at {@code at}, past every ratio guard. */
    protected SyncPlan sync(Instant at, List<UpstreamModel> upstream) {
        return store.inTransaction(tx -> {
            SyncPlan plan = plan(tx.loadCatalog(), at, upstream);
            tx.applySyncPlan(plan, at);
            tx.appendEvents(plan.events());
            return plan;
        });
    }

    protected SyncPlan sync(Instant at, UpstreamModel... upstream) {
        return sync(at, List.of(upstream));
    }

    /** The plan the reconciler makes for {@code current} and {@code upstream} at {@code at}, forced. */
    protected static SyncPlan plan(Collection<CatalogModel> current, Instant at, List<UpstreamModel> upstream) {
        Reconciliation result = new ModelCatalogReconciler(Clock.fixed(at, ZoneOffset.UTC))
                .reconcile(current, UpstreamSnapshot.of(upstream), NO_RATIO_GUARDS, true);
        assertThat(result).as("reconciliation").isInstanceOf(Reconciliation.Planned.class);
        return ((Reconciliation.Planned) result).plan();
    }

    /** Applies an admin's change at {@code at}, the way the admin use case does: lock, decide, write. */
    protected AdminUpdate admin(Instant at, AdminChange change) {
        return store.inTransaction(tx -> {
            CatalogModel current = tx.lockModel(change.modelId()).orElseThrow();
            AdminUpdate update = new AdminLifecycle(Clock.fixed(at, ZoneOffset.UTC)).decide(current, change, ADMIN);
            tx.applyAdminUpdates(List.of(update), at);
            tx.appendEvents(update.events());
            return update;
        });
    }

    protected AdminUpdate approve(Instant at, String modelId, ModelStatus status, TierFlags tiers) {
        return admin(at, new AdminChange(modelId, status, tiers.free(), tiers.pro(), tiers.enterprise()));
    }

    protected CatalogModel row(String modelId) {
        return store.findModel(modelId).orElseThrow(() -> new AssertionError("no row for " + modelId));
    }

    /** A finished run started at {@code startedAt}. */
    protected static SyncRun run(Instant startedAt, SyncRunStatus status, String error) {
        return new SyncRun(
                UUID.randomUUID(),
                SyncTrigger.SCHEDULE,
                status,
                startedAt,
                startedAt.plus(1234, ChronoUnit.MILLIS),
                new SyncCounts(1, 2, 3, 4, 500, 6),
                error);
    }

    protected void assertRoundTrips(UpstreamModel model) {
        CatalogModel stored = row(model.id());
        assertSameUpstreamJson(stored.upstream().rawJson(), model.rawJson());
        assertThat(withRawJson(stored.upstream(), model.rawJson())).isEqualTo(model);
        assertThat(stored.fingerprint()).isEqualTo(ModelFingerprint.of(model));
        assertThat(store.loadCatalog()).contains(stored);
    }

    private static UpstreamModel withRawJson(UpstreamModel model, String rawJson) {
        return new UpstreamModel(
                model.id(),
                model.canonicalSlug(),
                model.name(),
                model.description(),
                model.created(),
                model.contextLength(),
                model.architecture(),
                model.topProvider(),
                model.supportedParameters(),
                model.huggingFaceId(),
                model.expirationDate(),
                model.knowledgeCutoff(),
                model.pricing(),
                rawJson);
    }
}
