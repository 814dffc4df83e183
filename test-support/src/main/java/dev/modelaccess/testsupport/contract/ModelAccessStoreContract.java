package dev.modelaccess.testsupport.contract;

import static dev.modelaccess.testsupport.contract.SampleModels.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.access.AdminLifecycle;
import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelFingerprint;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.TopProvider;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.CatalogFilter;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.CatalogSort;
import dev.modelaccess.core.port.ExpiringModel;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.ModelCatalogReconciler;
import dev.modelaccess.core.sync.ModelEvent;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ModelAccessStore} must do, exercised only through the port. The catalog is filled the way
 * the product fills it: plans from {@link ModelCatalogReconciler} applied in {@link ModelAccessStore#inTransaction
 * store transactions}, admin decisions from {@link AdminLifecycle}.
 *
 * <p>To run it against a store, extend it:
 *
 * <pre>{@code
 * class JooqModelAccessStoreTest extends ModelAccessStoreContract {
 *     @Override
 *     protected ModelAccessStore createStore() {
 *         return new JooqModelAccessStore(dsl); // on an empty schema
 *     }
 * }
 * }</pre>
 *
 * <p>Times in this suite are whole seconds, so that a store keeping microseconds (PostgreSQL's {@code
 * timestamptz}) round-trips them exactly. Lists are checked in model-id order only with ids whose order is the
 * same under every collation.
 */
public abstract class ModelAccessStoreContract {

    /** When the first sync of a test runs; later steps use {@link #T2}, {@link #T3}. */
    protected static final Instant T1 = Instant.parse("2025-06-01T03:00:00Z");

    protected static final Instant T2 = Instant.parse("2025-06-02T03:00:00Z");
    protected static final Instant T3 = Instant.parse("2025-06-03T03:00:00Z");

    protected static final String ADMIN = "4f1c2a55-5b1e-4c43-9d0e-1c5a7f3e2b10";

    private static final SyncGuards NO_RATIO_GUARDS = new SyncGuards(0, 1);
    private static final long WAIT_SECONDS = 30;

    /** The store under test, new for every test. */
    protected ModelAccessStore store;

    private final ExecutorService threads = Executors.newCachedThreadPool();

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

    @AfterEach
    final void stopThreads() {
        threads.shutdownNow();
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

    private <T> T await(Future<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("latch").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void assertRoundTrips(UpstreamModel model) {
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

    // --------------------------------------------------------------------------------------- round trips

    @Test
    void aStoredModelLoadsBackWithEveryUpstreamFieldAndItsFingerprint() {
        UpstreamModel rich = model("openai/gpt-4o-2024-11-20")
                .canonicalSlug("openai/gpt-4o-2024-11-20")
                .name("OpenAI: GPT-4o (2024-11-20)")
                .description("Line one\nline \"two\" with a back\\slash, a tab\t and 'quotes'")
                .created(Instant.parse("2024-11-20T00:00:00Z"))
                .contextLength(3_000_000_000L)
                .architecture(new Architecture(
                        "text+image->text", List.of("text", "image", "file"), List.of("text"), "GPT", "none"))
                .topProvider(new TopProvider(128_000L, 16_384L, true))
                .supportedParameters("tools", "tool_choice", "max_tokens", "temperature", "response_format")
                .huggingFaceId("openai/gpt-4o")
                .expirationDate("2026-03-01")
                .knowledgeCutoff("2023-10")
                .price("prompt", "0.0000025")
                .price("completion", "0.00001")
                .price("image", "0.003613")
                .price("input_cache_read", "0.00000125")
                .price("web_search", "0.01")
                .price("request", "0")
                .price("discount", "0.25")
                .price("some_future_component", "0.000000000000000000000123456789")
                .override(Map.of("min_prompt_tokens", "200000", "prompt", "0.000005", "completion", "0.00002"))
                .override(Map.of("min_prompt_tokens", "1000000", "prompt", "0.0000100"))
                .extraField("per_request_limits", "null")
                .build();

        sync(T1, rich);

        assertRoundTrips(rich);
    }

    @Test
    void aModelMissingEveryOptionalFieldLoadsBackWithNullsNotEmptyValues() {
        UpstreamModel bare = SampleModels.bare("mystery/model");

        sync(T1, bare);

        assertRoundTrips(bare);
        UpstreamModel stored = row("mystery/model").upstream();
        assertThat(stored.name()).isNull();
        assertThat(stored.huggingFaceId()).isNull();
        assertThat(stored.contextLength()).isNull();
        assertThat(stored.topProvider()).isEqualTo(TopProvider.UNKNOWN);
        assertThat(stored.pricing().components()).isEmpty();
    }

    @Test
    void emptyStringsStayEmptyStringsAndNeverBecomeNull() {
        UpstreamModel empty = model("empty/strings")
                .name("")
                .description("")
                .huggingFaceId("")
                .expirationDate("")
                .knowledgeCutoff("")
                .architecture(new Architecture("", List.of(), List.of(), "", ""))
                .build();

        sync(T1, empty);

        assertRoundTrips(empty);
        assertThat(row("empty/strings").upstream().huggingFaceId()).isEmpty();
    }

    @Test
    void variablePricesAndPricesWithManyDecimalsKeepTheirExactValueAndScale() {
        UpstreamModel router = model("openrouter/auto")
                .price("prompt", "-1")
                .price("completion", "-1")
                .price("request", "0.0000010")
                .price("image", "0.000000000000000000000000000001")
                .price("audio", "123456789012345678901234567890.5")
                .build();

        sync(T1, router);

        assertRoundTrips(router);
        assertThat(row("openrouter/auto").upstream().pricing().prompt()).isEqualTo(new java.math.BigDecimal("-1"));
        assertThat(row("openrouter/auto").upstream().pricing().components().get("request"))
                .isEqualTo(new java.math.BigDecimal("0.0000010"));
    }

    @Test
    void nonAsciiTextRoundTrips() {
        UpstreamModel unicode = model("~mistralai/modèle-ünïcode:free")
                .name("Mistral: Modèle ünïcode 模型 🚀 Ελληνικά")
                .description("Zażółć gęślą jaźń — العربية — 日本語 — emoji 👩‍💻")
                .build();

        sync(T1, unicode);

        assertRoundTrips(unicode);
    }

    @Test
    void everyModelOfALargeCatalogLoadsBack() {
        List<UpstreamModel> models = IntStream.range(0, 600)
                .mapToObj(i -> model("author-" + (i % 37) + "/model-" + i + (i % 3 == 0 ? ":free" : ""))
                        .canonicalSlug("shared-slug-" + (i % 50))
                        .price("prompt", "0.00000" + i)
                        .build())
                .toList();

        sync(T1, models);

        List<CatalogModel> loaded = store.loadCatalog();
        assertThat(loaded).hasSize(600);
        assertThat(loaded)
                .extracting(CatalogModel::upstream)
                .extracting(UpstreamModel::id, UpstreamModel::canonicalSlug, UpstreamModel::pricing)
                .containsExactlyInAnyOrderElementsOf(models.stream()
                        .map(m -> org.assertj.core.groups.Tuple.tuple(m.id(), m.canonicalSlug(), m.pricing()))
                        .toList());
        assertThat(loaded).extracting(CatalogModel::id).doesNotHaveDuplicates();
    }

    // --------------------------------------------------------------------------------------- the sync's writes

    @Test
    void anAddedModelIsNewWithEveryTierOffAndSeenNow() {
        sync(T1, model("openai/gpt-4o").build());

        CatalogModel added = row("openai/gpt-4o");
        assertThat(added.id()).isNotNull();
        assertThat(added.status()).isEqualTo(ModelStatus.NEW);
        assertThat(added.statusBeforeInactive()).isNull();
        assertThat(added.tiers()).isEqualTo(TierFlags.NONE);
        assertThat(added.firstSeenAt()).isEqualTo(T1);
        assertThat(added.lastSeenAt()).isEqualTo(T1);
        assertThat(added.removedAt()).isNull();
        assertThat(added.reviewedBy()).isNull();
        assertThat(added.reviewedAt()).isNull();
        assertThat(added.createdAt()).isNotNull();
        assertThat(added.updatedAt()).isNotNull();
    }

    @Test
    void aRefreshWritesTheUpstreamDescriptionAndKeepsStatusFlagsAndReview() {
        sync(T1, model("openai/gpt-4o").name("GPT-4o").build());
        approve(T1, "openai/gpt-4o", ModelStatus.ACTIVE, new TierFlags(true, false, true));
        CatalogModel before = row("openai/gpt-4o");
        UpstreamModel changed = model("openai/gpt-4o")
                .name("OpenAI: GPT-4o")
                .price("prompt", "0.000002")
                .build();

        sync(T2, changed);

        CatalogModel after = row("openai/gpt-4o");
        assertRoundTrips(changed);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(after.tiers()).isEqualTo(new TierFlags(true, false, true));
        assertThat(after.reviewedBy()).isEqualTo(ADMIN);
        assertThat(after.reviewedAt()).isEqualTo(T1);
        assertThat(after.statusChangedAt()).isEqualTo(before.statusChangedAt());
        assertThat(after.firstSeenAt()).isEqualTo(T1);
        assertThat(after.lastSeenAt()).isEqualTo(T2);
        assertThat(after.removedAt()).isNull();
    }

    @Test
    void aDeactivationKeepsThePriorStatusAndTheFlagsAndRecordsWhenItWasRemoved() {
        UpstreamModel leaving = model("old/leaving").build();
        UpstreamModel staying = model("new/staying").build();
        sync(T1, leaving, staying);
        approve(T1, "old/leaving", ModelStatus.DISABLED, new TierFlags(false, true, false));

        SyncPlan plan = sync(T2, staying);

        assertThat(plan.deactivated()).hasSize(1);
        CatalogModel gone = row("old/leaving");
        assertThat(gone.status()).isEqualTo(ModelStatus.INACTIVE);
        assertThat(gone.statusBeforeInactive()).isEqualTo(ModelStatus.DISABLED);
        assertThat(gone.removedAt()).isEqualTo(T2);
        assertThat(gone.statusChangedAt()).isEqualTo(T2);
        assertThat(gone.tiers()).isEqualTo(new TierFlags(false, true, false));
        assertThat(gone.lastSeenAt()).isEqualTo(T1);
        assertRoundTrips(leaving);
    }

    @Test
    void aDeactivationKeepsTheStatusTheRowHasWhenItIsWrittenNotWhenItWasPlanned() {
        sync(T1, model("a/leaving").build(), model("b/staying").build());
        SyncPlan planMadeWhileNew =
                plan(store.loadCatalog(), T2, List.of(model("b/staying").build()));
        approve(T1, "a/leaving", ModelStatus.ACTIVE, TierFlags.NONE);

        store.inTransaction(tx -> {
            tx.applySyncPlan(planMadeWhileNew, T2);
            return null;
        });

        assertThat(row("a/leaving").status()).isEqualTo(ModelStatus.INACTIVE);
        assertThat(row("a/leaving").statusBeforeInactive()).isEqualTo(ModelStatus.ACTIVE);
    }

    @Test
    void aReturnRestoresTheStatusItHadAndKeepsTheFlags() {
        sync(T1, model("a/back").build(), model("b/staying").build());
        approve(T1, "a/back", ModelStatus.ACTIVE, new TierFlags(true, true, true));
        sync(T2, model("b/staying").build());
        UpstreamModel returning =
                model("a/back").description("Back, and changed").build();

        SyncPlan plan = sync(T3, returning, model("b/staying").build());

        assertThat(plan.returned()).hasSize(1);
        CatalogModel back = row("a/back");
        assertThat(back.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(back.statusBeforeInactive()).isNull();
        assertThat(back.removedAt()).isNull();
        assertThat(back.statusChangedAt()).isEqualTo(T3);
        assertThat(back.lastSeenAt()).isEqualTo(T3);
        assertThat(back.firstSeenAt()).isEqualTo(T1);
        assertThat(back.tiers()).isEqualTo(new TierFlags(true, true, true));
        assertRoundTrips(returning);
    }

    @Test
    void aModelThatWasNeverReviewedReturnsAsNew() {
        sync(T1, model("a/back").build(), model("b/staying").build());
        sync(T2, model("b/staying").build());

        sync(T3, model("a/back").build(), model("b/staying").build());

        assertThat(row("a/back").status()).isEqualTo(ModelStatus.NEW);
    }

    @Test
    void applyingAPlanThatWritesNothingChangesNothing() {
        sync(T1, model("a/one").build(), model("b/two").build());
        List<CatalogModel> before = store.loadCatalog();

        SyncPlan plan = sync(T2, model("a/one").build(), model("b/two").build());

        assertThat(plan.writesNothing()).isTrue();
        assertThat(store.loadCatalog()).isEqualTo(before);
    }

    // --------------------------------------------------------------------------------------- admin writes

    @Test
    void anAdminUpdateWritesStatusFlagsAndReviewAndNoUpstreamColumn() {
        UpstreamModel model = model("openai/gpt-4o").build();
        sync(T1, model);
        CatalogModel before = row("openai/gpt-4o");

        approve(T2, "openai/gpt-4o", ModelStatus.ACTIVE, new TierFlags(true, true, false));

        CatalogModel after = row("openai/gpt-4o");
        assertThat(after.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(after.tiers()).isEqualTo(new TierFlags(true, true, false));
        assertThat(after.reviewedBy()).isEqualTo(ADMIN);
        assertThat(after.reviewedAt()).isEqualTo(T2);
        assertThat(after.statusChangedAt()).isEqualTo(T2);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
        assertThat(after.firstSeenAt()).isEqualTo(before.firstSeenAt());
        assertThat(after.lastSeenAt()).isEqualTo(before.lastSeenAt());
        assertThat(after.removedAt()).isNull();
        assertRoundTrips(model);
    }

    @Test
    void aFlagsOnlyUpdateLeavesTheStatusAndWhenItChanged() {
        sync(T1, model("a/b").build());
        approve(T1, "a/b", ModelStatus.ACTIVE, TierFlags.NONE);

        admin(T2, new AdminChange("a/b", null, null, true, null));

        CatalogModel after = row("a/b");
        assertThat(after.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(after.statusChangedAt()).isEqualTo(T1);
        assertThat(after.tiers()).isEqualTo(new TierFlags(false, true, false));
        assertThat(after.reviewedAt()).isEqualTo(T2);
    }

    @Test
    void flagsOfAnInactiveModelCanBeEditedAndItStaysInactiveWithItsPriorStatus() {
        sync(T1, model("a/gone").build(), model("b/staying").build());
        approve(T1, "a/gone", ModelStatus.ACTIVE, TierFlags.NONE);
        sync(T2, model("b/staying").build());

        admin(T3, new AdminChange("a/gone", null, true, true, true));

        CatalogModel after = row("a/gone");
        assertThat(after.status()).isEqualTo(ModelStatus.INACTIVE);
        assertThat(after.statusBeforeInactive()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(after.removedAt()).isEqualTo(T2);
        assertThat(after.tiers()).isEqualTo(new TierFlags(true, true, true));
    }

    @Test
    void severalAdminUpdatesAreWrittenTogether() {
        sync(
                T1,
                model("a/one").build(),
                model("b/two").build(),
                model("c/three").build());

        store.inTransaction(tx -> {
            AdminLifecycle lifecycle = new AdminLifecycle(Clock.fixed(T2, ZoneOffset.UTC));
            List<AdminUpdate> updates = new ArrayList<>();
            for (String id : List.of("a/one", "c/three")) {
                updates.add(lifecycle.decide(
                        tx.lockModel(id).orElseThrow(),
                        new AdminChange(id, ModelStatus.DISABLED, null, null, null),
                        ADMIN));
            }
            tx.applyAdminUpdates(updates, T2);
            return null;
        });

        assertThat(store.loadCatalog())
                .extracting(CatalogModel::modelId, CatalogModel::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a/one", ModelStatus.DISABLED),
                        org.assertj.core.groups.Tuple.tuple("b/two", ModelStatus.NEW),
                        org.assertj.core.groups.Tuple.tuple("c/three", ModelStatus.DISABLED));
    }

    // --------------------------------------------------------------------------------------- transactions

    @Test
    void aTransactionThatThrowsLeavesNothingBehind() {
        sync(T1, model("a/kept").build());
        List<CatalogModel> before = store.loadCatalog();
        IllegalStateException failure = new IllegalStateException("boom after writing");

        Throwable thrown = catchThrowable(() -> store.inTransaction(tx -> {
            SyncPlan plan = plan(tx.loadCatalog(), T2, List.of(model("b/added").build()));
            tx.applySyncPlan(plan, T2);
            tx.appendEvents(plan.events());
            tx.recordRun(run(T2, SyncRunStatus.SUCCEEDED, null));
            assertThat(tx.loadCatalog()).extracting(CatalogModel::modelId).contains("b/added");
            throw failure;
        }));

        assertThat(thrown).isInstanceOf(ModelAccessException.class);
        assertThat(causes(thrown)).contains(failure);
        assertThat(store.loadCatalog()).isEqualTo(before);
        assertThat(store.findModel("b/added")).isEmpty();
        assertThat(store.eventsOf("b/added", 10)).isEmpty();
        assertThat(store.eventsOf("a/kept", 10)).hasSize(1);
        assertThat(store.recentRuns(10)).isEmpty();
    }

    @Test
    void aModelAccessExceptionFromTheWorkIsRethrownAsItIs() {
        ModelAccessException failure = new ModelAccessException("the work failed");

        assertThatThrownBy(() -> store.inTransaction(tx -> {
                    tx.recordRun(run(T1, SyncRunStatus.SUCCEEDED, null));
                    throw failure;
                }))
                .isSameAs(failure);
        assertThat(store.recentRuns(10)).isEmpty();
    }

    @Test
    void aTransactionReturnsWhatItsWorkReturns() {
        assertThat(store.<String>inTransaction(tx -> "result")).isEqualTo("result");
    }

    @Test
    void uncommittedWritesAreInvisibleOutsideTheTransaction() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch looked = new CountDownLatch(1);
        Future<?> writer = threads.submit(() -> store.inTransaction(tx -> {
            tx.applySyncPlan(
                    plan(tx.loadCatalog(), T1, List.of(model("a/pending").build())), T1);
            written.countDown();
            await(looked);
            return null;
        }));
        await(written);

        Optional<CatalogModel> seenBeforeCommit = store.findModel("a/pending");
        List<CatalogModel> catalogBeforeCommit = store.loadCatalog();
        looked.countDown();
        await(writer);

        assertThat(seenBeforeCommit).isEmpty();
        assertThat(catalogBeforeCommit).isEmpty();
        assertThat(store.findModel("a/pending")).isPresent();
    }

    // --------------------------------------------------------------------------------------- the sync lock

    @Test
    void theCatalogSyncLockIsExclusiveBetweenConcurrentTransactions() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> first = threads.submit(() -> store.inTransaction(tx -> {
            boolean locked = tx.tryLockCatalogSync();
            holding.countDown();
            await(release);
            return locked;
        }));
        await(holding);

        Future<Boolean> second = threads.submit(() -> store.inTransaction(tx -> tx.tryLockCatalogSync()));
        boolean secondGotIt = await(second);
        release.countDown();

        assertThat(await(first)).isTrue();
        assertThat(secondGotIt).isFalse();
    }

    @Test
    void theCatalogSyncLockIsFreeAgainWhenTheHolderCommits() {
        assertThat(store.<Boolean>inTransaction(tx -> tx.tryLockCatalogSync())).isTrue();

        assertThat(store.<Boolean>inTransaction(tx -> tx.tryLockCatalogSync())).isTrue();
    }

    @Test
    void theCatalogSyncLockIsFreeAgainWhenTheHolderRollsBack() {
        catchThrowable(() -> store.inTransaction(tx -> {
            assertThat(tx.tryLockCatalogSync()).isTrue();
            throw new IllegalStateException("rolled back while holding the lock");
        }));

        assertThat(store.<Boolean>inTransaction(tx -> tx.tryLockCatalogSync())).isTrue();
    }

    @Test
    void theHolderMayAskForTheCatalogSyncLockAgain() {
        assertThat(store.<Boolean>inTransaction(tx -> tx.tryLockCatalogSync() && tx.tryLockCatalogSync()))
                .isTrue();
    }

    @Test
    void aLockedModelIsReturnedAndAnUnknownOneIsEmpty() {
        sync(T1, model("a/b").build());

        assertThat(store.<Optional<CatalogModel>>inTransaction(tx -> tx.lockModel("a/b")))
                .contains(row("a/b"));
        assertThat(store.<Optional<CatalogModel>>inTransaction(tx -> tx.lockModel("no/such-model")))
                .isEmpty();
    }

    // --------------------------------------------------------------------------------------- search

    private void fillForSearch() {
        sync(
                T1,
                model("anthropic/claude").name("Anthropic: Claude").build(),
                model("google/gemini").name("Google: Gemini").build(),
                model("meta/llama").name("Meta: Llama 3.3 70B").build(),
                model("mistral/large").name("Mistral Large").build(),
                model("openai/gpt").name("OpenAI: GPT-4o").build(),
                model("qwen/qwen").name("Qwen 100% open").build(),
                model("xai/grok_beta").name("xAI: Grok").build());
        approve(T1, "google/gemini", ModelStatus.ACTIVE, TierFlags.NONE);
        approve(T1, "openai/gpt", ModelStatus.ACTIVE, TierFlags.NONE);
        approve(T1, "mistral/large", ModelStatus.DISABLED, TierFlags.NONE);
    }

    private static List<String> ids(CatalogPage page) {
        return page.models().stream().map(CatalogModel::modelId).toList();
    }

    @Test
    void searchWithoutFiltersPagesThroughEveryModelInIdOrder() {
        fillForSearch();

        CatalogPage first = store.searchModels(new CatalogQuery(null, null, 3, 0));
        CatalogPage second = store.searchModels(new CatalogQuery(null, null, 3, 3));
        CatalogPage last = store.searchModels(new CatalogQuery(null, null, 3, 6));

        assertThat(ids(first)).containsExactly("anthropic/claude", "google/gemini", "meta/llama");
        assertThat(ids(second)).containsExactly("mistral/large", "openai/gpt", "qwen/qwen");
        assertThat(ids(last)).containsExactly("xai/grok_beta");
        assertThat(List.of(first.total(), second.total(), last.total())).containsOnly(7L);
    }

    @Test
    void aPageBeyondTheEndIsEmptyButStillCountsEveryMatch() {
        fillForSearch();

        CatalogPage page = store.searchModels(new CatalogQuery(null, null, 10, 100));

        assertThat(page.models()).isEmpty();
        assertThat(page.total()).isEqualTo(7);
    }

    @Test
    void searchFiltersByStatus() {
        fillForSearch();

        CatalogPage active = store.searchModels(new CatalogQuery(ModelStatus.ACTIVE, null, 10, 0));
        CatalogPage fresh = store.searchModels(new CatalogQuery(ModelStatus.NEW, null, 2, 0));
        CatalogPage inactive = store.searchModels(new CatalogQuery(ModelStatus.INACTIVE, null, 10, 0));

        assertThat(ids(active)).containsExactly("google/gemini", "openai/gpt");
        assertThat(active.total()).isEqualTo(2);
        assertThat(ids(fresh)).containsExactly("anthropic/claude", "meta/llama");
        assertThat(fresh.total()).isEqualTo(4);
        assertThat(inactive.models()).isEmpty();
        assertThat(inactive.total()).isZero();
    }

    @Test
    void searchTextMatchesTheIdOrTheNameIgnoringCase() {
        fillForSearch();

        assertThat(ids(store.searchModels(new CatalogQuery(null, "GEMINI", 10, 0))))
                .containsExactly("google/gemini");
        assertThat(ids(store.searchModels(new CatalogQuery(null, "llama 3.3", 10, 0))))
                .containsExactly("meta/llama");
        assertThat(ids(store.searchModels(new CatalogQuery(null, "openai", 10, 0))))
                .containsExactly("openai/gpt");
        assertThat(ids(store.searchModels(new CatalogQuery(null, "OPENAI/GPT", 10, 0))))
                .containsExactly("openai/gpt");
        assertThat(ids(store.searchModels(new CatalogQuery(null, "g", 10, 0))))
                .containsExactly("google/gemini", "mistral/large", "openai/gpt", "xai/grok_beta");
    }

    @Test
    void searchTextAndStatusCombine() {
        fillForSearch();

        CatalogPage page = store.searchModels(new CatalogQuery(ModelStatus.NEW, "a", 10, 0));

        assertThat(ids(page)).containsExactly("anthropic/claude", "meta/llama", "xai/grok_beta");
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void searchTextIsTakenLiterallyNotAsAPattern() {
        fillForSearch();

        assertThat(ids(store.searchModels(new CatalogQuery(null, "%", 10, 0)))).containsExactly("qwen/qwen");
        assertThat(ids(store.searchModels(new CatalogQuery(null, "_", 10, 0)))).containsExactly("xai/grok_beta");
        assertThat(store.searchModels(new CatalogQuery(null, "gr_k", 10, 0)).total())
                .isZero();
        assertThat(store.searchModels(new CatalogQuery(null, "100%", 10, 0)).total())
                .isEqualTo(1);
        assertThat(store.searchModels(new CatalogQuery(null, "\\", 10, 0)).total())
                .isZero();
        assertThat(store.searchModels(new CatalogQuery(null, "'; drop table model_access; --", 10, 0))
                        .total())
                .isZero();
        assertThat(store.loadCatalog()).hasSize(7);
    }

    @Test
    void searchOfAnEmptyCatalogFindsNothing() {
        CatalogPage page = store.searchModels(new CatalogQuery(null, null, CatalogQuery.MAX_LIMIT, 0));

        assertThat(page.models()).isEmpty();
        assertThat(page.total()).isZero();
    }

    // --------------------------------------------------------------------------------------- events and runs

    @Test
    void eventsRoundTripNewestFirstAndOnlyForTheirModel() {
        ModelEvent added = ModelEvent.of("a/b", EventKind.ADDED, Map.of(), Map.of("status", "new"), "sync", T1);
        ModelEvent repriced = ModelEvent.of(
                "a/b",
                EventKind.PRICE_CHANGED,
                Map.of("prompt", "0.000001", "overrides[0].prompt", "0.000004"),
                Map.of("prompt", "0.0000015", "overrides[0].prompt", "0.000005"),
                "sync",
                T2);
        ModelEvent reviewed = ModelEvent.of(
                "a/b",
                EventKind.TIERS_CHANGED,
                Map.of("is_free", "false", "is_pro", "false", "is_enterprise", "false"),
                Map.of("is_free", "true", "is_pro", "false", "is_enterprise", "false"),
                ADMIN,
                T3);
        ModelEvent other = ModelEvent.of("c/d", EventKind.ADDED, Map.of(), Map.of("status", "new"), "sync", T2);
        store.inTransaction(tx -> {
            tx.appendEvents(List.of(repriced, other));
            tx.appendEvents(List.of(added));
            return null;
        });
        store.inTransaction(tx -> {
            tx.appendEvents(List.of(reviewed));
            return null;
        });

        assertThat(store.eventsOf("a/b", 10)).containsExactly(reviewed, repriced, added);
        assertThat(store.eventsOf("a/b", 2)).containsExactly(reviewed, repriced);
        assertThat(store.eventsOf("c/d", 10)).containsExactly(other);
        assertThat(store.eventsOf("e/f", 10)).isEmpty();
    }

    @Test
    void eventsKeepNonAsciiAndHostileText() {
        ModelEvent event = ModelEvent.of(
                "~x/модель:free",
                EventKind.METADATA_CHANGED,
                Map.of("name", "'; drop table model_access_events; --"),
                Map.of("name", "Nouveau nom — 新しい名前 🚀", "description", "line\nbreak \"quoted\" \\"),
                ADMIN,
                T1);

        store.inTransaction(tx -> {
            tx.appendEvents(List.of(event));
            return null;
        });

        assertThat(store.eventsOf("~x/модель:free", 10)).containsExactly(event);
    }

    @Test
    void theEventsOfASyncAreStoredWithIt() {
        SyncPlan plan = sync(T1, model("a/b").build(), model("c/d").build());

        assertThat(store.eventsOf("a/b", 10)).containsExactly(plan.events().get(0));
        assertThat(store.eventsOf("c/d", 10)).containsExactly(plan.events().get(1));
    }

    private static SyncRun run(Instant startedAt, SyncRunStatus status, String error) {
        return new SyncRun(
                UUID.randomUUID(),
                SyncTrigger.SCHEDULE,
                status,
                startedAt,
                startedAt.plus(1234, ChronoUnit.MILLIS),
                new SyncCounts(1, 2, 3, 4, 500, 6),
                error);
    }

    @Test
    void runsRoundTripNewestFirst() {
        SyncRun succeeded = run(T1, SyncRunStatus.SUCCEEDED, null);
        SyncRun aborted = new SyncRun(
                UUID.randomUUID(),
                SyncTrigger.MANUAL,
                SyncRunStatus.ABORTED,
                T2,
                T2,
                SyncCounts.ZERO,
                "too_many_deactivations: The run would make 60 of 549 present models inactive — «ratio» 0.1");
        SyncRun skipped = new SyncRun(
                UUID.randomUUID(),
                SyncTrigger.STARTUP,
                SyncRunStatus.SKIPPED,
                T3,
                T3,
                SyncCounts.ZERO,
                "Another catalog sync is running");
        SyncRun failed = run(T3.plusSeconds(60), SyncRunStatus.FAILED, "'; drop table sync_runs; --");

        store.recordRun(aborted);
        store.inTransaction(tx -> {
            tx.recordRun(succeeded);
            return null;
        });
        store.recordRun(failed);
        store.recordRun(skipped);

        assertThat(store.recentRuns(10)).containsExactly(failed, skipped, aborted, succeeded);
        assertThat(store.recentRuns(2)).containsExactly(failed, skipped);
    }

    @Test
    void noRunsMeansAnEmptyHistory() {
        assertThat(store.recentRuns(10)).isEmpty();
    }

    // --------------------------------------------------------------------------------------- lookups

    @Test
    void findModelFindsExactlyTheGivenId() {
        sync(T1, model("openai/gpt-4o").build(), model("openai/gpt-4o:free").build());

        assertThat(store.findModel("openai/gpt-4o")).contains(row("openai/gpt-4o"));
        assertThat(store.findModel("openai/gpt-4o").orElseThrow().modelId()).isEqualTo("openai/gpt-4o");
        assertThat(store.findModel("OPENAI/GPT-4O")).isEmpty();
        assertThat(store.findModel("openai/gpt-4")).isEmpty();
        assertThat(store.findModel("openai/gpt-4o ")).isEmpty();
    }

    @Test
    void findModelOfAnUnknownOrHostileIdIsEmptyAndHarmless() {
        sync(T1, model("openai/gpt-4o").build());
        List<String> hostile = List.of(
                "",
                "no/such-model",
                "'; drop table model_access; --",
                "openai/gpt-4o' or '1'='1",
                "../../../etc/passwd",
                "%",
                "_",
                "openai/%",
                "\\",
                "модель/🚀",
                "a/" + "x".repeat(10_000));

        for (String id : hostile) {
            assertThat(store.findModel(id)).as("findModel(%s)", id).isEmpty();
        }
        assertThat(store.loadCatalog()).extracting(CatalogModel::modelId).containsExactly("openai/gpt-4o");
    }

    @Test
    void anEmptyStoreHasNoCatalog() {
        assertThat(store.loadCatalog()).isEmpty();
        assertThat(store.findModel("openai/gpt-4o")).isEmpty();
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    // ------------------------------------------------------------------------------ the admin console's list

    private void fillForConsole() {
        sync(
                T1,
                model("openai/cheap")
                        .contextLength(8_000L)
                        .price("prompt", "0.0000001")
                        .build(),
                model("openai/router").contextLength(null).price("prompt", "-1").build(),
                model("google/vision")
                        .architecture(new Architecture(
                                "text+image->text", List.of("text", "image"), List.of("text"), "Gemini", null))
                        .contextLength(1_000_000L)
                        .price("prompt", "0.000002")
                        .build());
        sync(
                T2,
                model("openai/cheap")
                        .contextLength(8_000L)
                        .price("prompt", "0.0000001")
                        .build(),
                model("openai/router").contextLength(null).price("prompt", "-1").build(),
                model("google/vision")
                        .architecture(new Architecture(
                                "text+image->text", List.of("text", "image"), List.of("text"), "Gemini", null))
                        .contextLength(1_000_000L)
                        .price("prompt", "0.000002")
                        .build(),
                model("meta/free")
                        .contextLength(32_000L)
                        .noPrice("prompt")
                        .expirationDate("2025-06-10")
                        .build(),
                model("meta/later").expirationDate("2025-09-01").build(),
                model("meta/odd").expirationDate("soon").build());
        approve(T2, "openai/cheap", ModelStatus.ACTIVE, new TierFlags(true, true, true));
        approve(T2, "google/vision", ModelStatus.DISABLED, new TierFlags(false, false, false));
    }

    private static CatalogFilter filter(CatalogSort sort) {
        return new CatalogFilter(null, null, null, null, sort, 100, 0);
    }

    @Test
    void theConsoleListFiltersByStatusProviderModalityAndTextTogether() {
        fillForConsole();

        assertThat(ids(store.searchModels(
                        new CatalogFilter(ModelStatus.NEW, "openai", null, null, CatalogSort.MODEL_ID, 10, 0))))
                .containsExactly("openai/router");
        assertThat(ids(store.searchModels(
                        new CatalogFilter(null, null, "text+image->text", null, CatalogSort.MODEL_ID, 10, 0))))
                .containsExactly("google/vision");
        assertThat(ids(store.searchModels(
                        new CatalogFilter(null, "meta", "text->text", "LATER", CatalogSort.MODEL_ID, 10, 0))))
                .containsExactly("meta/later");
        CatalogPage page = store.searchModels(new CatalogFilter(null, "meta", " ", " ", CatalogSort.MODEL_ID, 2, 2));
        assertThat(ids(page)).containsExactly("meta/odd");
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void theConsoleListSortsByFirstSeenPriceAndContextThenById() {
        fillForConsole();

        assertThat(ids(store.searchModels(filter(CatalogSort.FIRST_SEEN_DESC))))
                .containsExactly(
                        "meta/free", "meta/later", "meta/odd", "google/vision", "openai/cheap", "openai/router");
        assertThat(ids(store.searchModels(filter(CatalogSort.FIRST_SEEN_ASC))))
                .containsExactly(
                        "google/vision", "openai/cheap", "openai/router", "meta/free", "meta/later", "meta/odd");
        // absent prompt price is free; -1 (variable) sorts above every real price
        assertThat(ids(store.searchModels(filter(CatalogSort.PRICE_ASC))))
                .containsExactly(
                        "meta/free", "openai/cheap", "meta/later", "meta/odd", "google/vision", "openai/router");
        assertThat(ids(store.searchModels(filter(CatalogSort.PRICE_DESC))))
                .containsExactly(
                        "openai/router", "google/vision", "meta/later", "meta/odd", "openai/cheap", "meta/free");
        // models without a context length come last both ways
        assertThat(ids(store.searchModels(filter(CatalogSort.CONTEXT_DESC))))
                .containsExactly(
                        "google/vision", "meta/later", "meta/odd", "meta/free", "openai/cheap", "openai/router");
        assertThat(ids(store.searchModels(filter(CatalogSort.CONTEXT_ASC))))
                .containsExactly(
                        "openai/cheap", "meta/free", "meta/later", "meta/odd", "google/vision", "openai/router");
    }

    @Test
    void theConsoleCountsEveryStatusIncludingEmptyOnes() {
        fillForConsole();

        assertThat(store.countByStatus())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        ModelStatus.NEW, 4L,
                        ModelStatus.ACTIVE, 1L,
                        ModelStatus.DISABLED, 1L,
                        ModelStatus.INACTIVE, 0L));
    }

    @Test
    void expiringModelsAreThoseDatedOnOrBeforeTheDaySoonestFirstIgnoringDatesThatAreNotIsoDates() {
        fillForConsole();

        assertThat(store.expiringModels(LocalDate.parse("2025-06-09"))).isEmpty();
        assertThat(store.expiringModels(LocalDate.parse("2025-06-10")))
                .extracting(expiring -> expiring.model().modelId(), ExpiringModel::expiresOn)
                .containsExactly(tuple("meta/free", LocalDate.parse("2025-06-10")));
        assertThat(store.expiringModels(LocalDate.parse("2030-01-01")))
                .extracting(expiring -> expiring.model().modelId())
                .containsExactly("meta/free", "meta/later");
    }
}
