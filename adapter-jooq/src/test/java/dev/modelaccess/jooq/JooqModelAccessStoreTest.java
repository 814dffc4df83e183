package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.Syncs.sync;
import static dev.modelaccess.jooq.TestModels.T0;
import static dev.modelaccess.jooq.TestModels.T1;
import static dev.modelaccess.jooq.TestModels.T2;
import static dev.modelaccess.jooq.TestModels.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.LifecycleViolationException;
import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.StoreException;
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
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.InvalidEntry;
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
import dev.modelaccess.testsupport.contract.SampleModels;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithPostgres
class JooqModelAccessStoreTest {

    static DataSource dataSource;
    static TestSchema schema;
    ModelAccessStore store;

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(dataSource);
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        schema.execute("truncate model_access, model_access_events, sync_runs");
        store = JooqModelAccess.of(dataSource).store();
    }

    // --- SPEC 3.1, rule by rule ---

    @Test
    void theFirstRunInsertsEveryUpstreamModelAsNewWithEveryTierOff() {
        sync(
                store,
                snapshot(
                        model("openai/gpt-4o").build(),
                        model("anthropic/claude-sonnet-4").build()),
                T0);

        List<CatalogModel> catalog = store.loadCatalog();
        assertThat(catalog)
                .extracting(CatalogModel::modelId)
                .containsExactly("anthropic/claude-sonnet-4", "openai/gpt-4o");
        assertThat(catalog).allSatisfy(row -> {
            assertThat(row.status()).isEqualTo(ModelStatus.NEW);
            assertThat(row.tiers()).isEqualTo(TierFlags.NONE);
            assertThat(row.statusBeforeInactive()).isNull();
            assertThat(row.firstSeenAt()).isEqualTo(T0);
            assertThat(row.lastSeenAt()).isEqualTo(T0);
            assertThat(row.statusChangedAt()).isEqualTo(T0);
            assertThat(row.removedAt()).isNull();
        });
    }

    @Test
    void anUpstreamModelTheTableLacksArrivesAsNewWithEveryTierOff() {
        UpstreamModel gpt = model("openai/gpt-4o").build();
        sync(store, snapshot(gpt), T0);
        approve("openai/gpt-4o", new AdminChange("openai/gpt-4o", ModelStatus.ACTIVE, true, true, true));

        sync(store, snapshot(gpt, model("mistralai/mistral-large").build()), T1);

        assertThat(row("mistralai/mistral-large").status()).isEqualTo(ModelStatus.NEW);
        assertThat(row("mistralai/mistral-large").tiers()).isEqualTo(TierFlags.NONE);
        assertThat(row("mistralai/mistral-large").firstSeenAt()).isEqualTo(T1);
        assertThat(row("openai/gpt-4o").status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(row("openai/gpt-4o").tiers()).isEqualTo(new TierFlags(true, true, true));
    }

    @Test
    void aModelGoneUpstreamBecomesInactiveKeepingItsStatusAndItsTierFlags() {
        UpstreamModel gpt = model("openai/gpt-4o").build();
        UpstreamModel gone = model("old/model").build();
        sync(store, snapshot(gpt, gone), T0);
        approve("old/model", new AdminChange("old/model", ModelStatus.DISABLED, false, true, null));

        SyncPlan plan = sync(store, snapshot(gpt), T1);

        assertThat(plan.counts().deactivated()).isEqualTo(1);
        CatalogModel row = row("old/model");
        assertThat(row.status()).isEqualTo(ModelStatus.INACTIVE);
        assertThat(row.statusBeforeInactive()).isEqualTo(ModelStatus.DISABLED);
        assertThat(row.tiers()).isEqualTo(new TierFlags(false, true, false));
        assertThat(row.removedAt()).isEqualTo(T1);
        assertThat(row.statusChangedAt()).isEqualTo(T1);
        assertThat(TestModels.typed(row.upstream())).isEqualTo(TestModels.typed(gone));
    }

    @Test
    void anInactiveModelBackUpstreamGetsBackTheStatusItHadWithItsTierFlagsUntouched() {
        UpstreamModel keep = model("keep/model").build();
        UpstreamModel fresh = model("was/new").build();
        UpstreamModel active = model("was/active").build();
        UpstreamModel disabled = model("was/disabled").build();
        sync(store, snapshot(keep, fresh, active, disabled), T0);
        approve("was/active", new AdminChange("was/active", ModelStatus.ACTIVE, true, false, true));
        approve("was/disabled", new AdminChange("was/disabled", ModelStatus.DISABLED, null, true, null));
        sync(store, snapshot(keep), T1);

        UpstreamModel activeRenamed = TestModels.renamed(active, "Back with a new name");
        SyncPlan plan = sync(store, snapshot(keep, fresh, activeRenamed, disabled), T2);

        assertThat(plan.counts().reactivated()).isEqualTo(3);
        assertThat(row("was/new").status()).isEqualTo(ModelStatus.NEW);
        assertThat(row("was/active").status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(row("was/active").tiers()).isEqualTo(new TierFlags(true, false, true));
        assertThat(TestModels.typed(row("was/active").upstream())).isEqualTo(TestModels.typed(activeRenamed));
        assertThat(row("was/disabled").status()).isEqualTo(ModelStatus.DISABLED);
        assertThat(row("was/disabled").tiers()).isEqualTo(new TierFlags(false, true, false));
        assertThat(List.of(row("was/new"), row("was/active"), row("was/disabled")))
                .allSatisfy(row -> {
                    assertThat(row.statusBeforeInactive()).isNull();
                    assertThat(row.removedAt()).isNull();
                    assertThat(row.statusChangedAt()).isEqualTo(T2);
                    assertThat(row.lastSeenAt()).isEqualTo(T2);
                    assertThat(row.firstSeenAt()).isEqualTo(T0);
                });
    }

    @Test
    void anInactiveRowWithoutAKeptStatusComesBackAsNew() throws SQLException {
        UpstreamModel keep = model("keep/model").build();
        UpstreamModel odd = model("odd/model").build();
        sync(store, snapshot(keep, odd), T0);
        schema.execute(
                "update model_access set status = 'inactive', status_before_inactive = null where model_id = 'odd/model'");

        sync(store, snapshot(keep, odd), T1);

        assertThat(row("odd/model").status()).isEqualTo(ModelStatus.NEW);
    }

    @Test
    void aModelOnBothSidesGetsItsUpstreamColumnsRefreshedAndItsStatusAndFlagsUntouched() {
        UpstreamModel gpt = model("openai/gpt-4o")
                .name("GPT-4o")
                .price("prompt", "0.0000025")
                .build();
        sync(store, snapshot(gpt), T0);
        approve("openai/gpt-4o", new AdminChange("openai/gpt-4o", ModelStatus.ACTIVE, false, true, true));
        CatalogModel before = row("openai/gpt-4o");

        UpstreamModel changed = SampleModels.from(gpt)
                .name("GPT-4o (2026)")
                .price("prompt", "0.000003")
                .contextLength(256_000L)
                .build();
        SyncPlan plan = sync(store, snapshot(changed), T1);

        assertThat(plan.counts().updated()).isEqualTo(1);
        CatalogModel after = row("openai/gpt-4o");
        assertThat(TestModels.typed(after.upstream())).isEqualTo(TestModels.typed(changed));
        assertThat(after.fingerprint())
                .isEqualTo(plan.refreshed().getFirst().upsert().fingerprint());
        assertThat(after.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(after.tiers()).isEqualTo(new TierFlags(false, true, true));
        assertThat(after.reviewedBy()).isEqualTo(before.reviewedBy());
        assertThat(after.reviewedAt()).isEqualTo(before.reviewedAt());
        assertThat(after.statusChangedAt()).isEqualTo(before.statusChangedAt());
        assertThat(after.lastSeenAt()).isEqualTo(T1);
        assertThat(after.firstSeenAt()).isEqualTo(T0);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.updatedAt()).isAfter(before.updatedAt());
    }

    @Test
    void aChangeOnlyInFieldsThisLibraryDoesNotMapIsStillWritten() {
        UpstreamModel gpt = model("openai/gpt-4o").build();
        sync(store, snapshot(gpt), T0);

        UpstreamModel withNewField = SampleModels.from(gpt)
                .extraField("per_request_limits", "\"none\"")
                .build();
        SyncPlan plan = sync(store, snapshot(withNewField), T1);

        assertThat(plan.counts().updated()).isEqualTo(1);
        assertThat(row("openai/gpt-4o").upstream().rawJson()).contains("per_request_limits");
    }

    @Test
    void anUpstreamEntryThatCouldNotBeReadLeavesItsRowExactlyAsItWas() {
        UpstreamModel gpt = model("openai/gpt-4o").build();
        UpstreamModel broken = model("broken/model").build();
        sync(store, snapshot(gpt, broken), T0);
        CatalogModel before = row("broken/model");

        SyncPlan plan = sync(
                store,
                new UpstreamSnapshot(
                        List.of(gpt), List.of(new InvalidEntry("broken/model", "pricing.prompt is not a number"))),
                T1);

        assertThat(plan.counts().skippedInvalid()).isEqualTo(1);
        assertThat(row("broken/model")).isEqualTo(before);
    }

    // --- what is stored ---

    @Test
    void everyStoredUpstreamFieldRoundTripsExactly() {
        UpstreamModel rich = model("~openai/gpt-mini-latest")
                .canonicalSlug("openai/gpt-5-mini-2025-08-07")
                .name("OpenAI: GPT Mini (latest)")
                .description("Multi-line\ndescription with \"quotes\", a backslash \\ and ünïcödé 🚀")
                .created(Instant.ofEpochSecond(1_754_587_413L))
                .contextLength(400_000L)
                .architecture(new Architecture(
                        "text+image->text", List.of("image", "text", "file"), List.of("text"), "GPT", "none"))
                .topProvider(new TopProvider(400_000L, 128_000L, true))
                .supportedParameters(List.of("max_tokens", "reasoning", "response_format", "tool_choice", "tools"))
                .huggingFaceId("")
                .expirationDate("2026-12-31")
                .knowledgeCutoff("2024-09-30")
                .price("prompt", "0.00000025")
                .price("completion", "0.000002")
                .price("request", "-1")
                .price("input_cache_read", "0.000000025000000000000001")
                .price("web_search", "0.01")
                .price("discount", "0")
                .price("image", "0.0000010")
                .override(Map.of("min_prompt_tokens", "200000", "prompt", "0.0000005", "completion", "0.000004"))
                .build();
        UpstreamModel bare = model("meta-llama/llama-3.3-70b-instruct:free").build();

        sync(store, snapshot(rich, bare), T0);

        assertThat(TestModels.typed(row(rich.id()).upstream())).isEqualTo(TestModels.typed(rich));
        assertThat(row(rich.id()).upstream().pricing()).isEqualTo(rich.pricing());
        assertThat(row(rich.id()).upstream().pricing().components().get("image").toPlainString())
                .isEqualTo("0.0000010");
        assertThat(row(rich.id()).upstream().provider()).isEqualTo("openai");
        assertThat(row(bare.id()).upstream().architecture()).isEqualTo(Architecture.UNKNOWN);
        assertThat(row(bare.id()).upstream().topProvider()).isEqualTo(TopProvider.UNKNOWN);
        assertThat(row(bare.id()).upstream().pricing().components()).isEmpty();
    }

    @Test
    void theRawUpstreamJsonIsKeptAsJsonbThatMeansTheSameAsWhatCameIn() throws SQLException {
        UpstreamModel gpt = model("openai/gpt-4o")
                .extraField("future_field", "[\"a\",\"b\"]")
                .build();
        sync(store, snapshot(gpt), T0);

        assertThat(queryString("select upstream = '" + gpt.rawJson().replace("'", "''") + "'::jsonb from model_access"))
                .isEqualTo("t");
        assertThat(row(gpt.id()).fingerprint()).isEqualTo(ModelFingerprint.of(gpt));
    }

    @Test
    void promptAndCompletionPricesHaveExactNumericColumnsOfTheirOwn() throws SQLException {
        sync(
                store,
                snapshot(model("router/auto")
                        .price("prompt", "-1")
                        .price("completion", "0.000000000000000000012345")
                        .build()),
                T0);

        assertThat(queryString("select pricing_prompt::text || ' ' || pricing_completion::text from model_access"))
                .isEqualTo("-1 0.000000000000000000012345");
        assertThat(queryString("select pricing ->> 'completion' from model_access"))
                .isEqualTo("0.000000000000000000012345");
    }

    @Test
    void theTableRefusesASecondRowWithTheSameModelId() throws SQLException {
        sync(store, snapshot(model("a/b").build()), T0);

        assertThatThrownBy(
                        () -> schema.execute("insert into model_access (model_id, provider, upstream, upstream_sha256)"
                                + " select model_id, provider, upstream, upstream_sha256 from model_access"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23P01"));
    }

    @Test
    void aPlannedInsertThatMeetsARowAddedOutsideTheSyncLeavesThatRowAlone() throws SQLException {
        UpstreamModel gpt = model("openai/gpt-4o").name("From upstream").build();
        store.inTransaction(transaction -> {
            SyncPlan plan = ((Reconciliation.Planned) new ModelCatalogReconciler(Clock.fixed(T0, ZoneOffset.UTC))
                            .reconcile(List.of(), snapshot(gpt), SyncGuards.DEFAULTS, false))
                    .plan();
            try {
                schema.execute("insert into model_access (model_id, name, provider, upstream, upstream_sha256, status)"
                        + " values ('openai/gpt-4o', 'By hand', 'openai', '{}', repeat('0', 64), 'active')");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            transaction.applySyncPlan(plan, T0);
            return null;
        });

        assertThat(row("openai/gpt-4o").upstream().name()).isEqualTo("By hand");
        assertThat(row("openai/gpt-4o").status()).isEqualTo(ModelStatus.ACTIVE);
    }

    // --- events and runs ---

    @Test
    void theSyncsEventsAreKeptNewestFirstWithTheirValues() {
        UpstreamModel gpt = model("openai/gpt-4o").price("prompt", "0.0000025").build();
        sync(store, snapshot(gpt, model("keep/a").build()), T0);
        sync(
                store,
                snapshot(TestModels.repriced(gpt, "0.000003"), model("keep/a").build()),
                T1);

        List<ModelEvent> events = store.eventsOf("openai/gpt-4o", 10);

        assertThat(events).extracting(ModelEvent::kind).containsExactly(EventKind.PRICE_CHANGED, EventKind.ADDED);
        assertThat(events.getFirst().before()).containsEntry("prompt", "0.0000025");
        assertThat(events.getFirst().after()).containsEntry("prompt", "0.000003");
        assertThat(events.getFirst().actor()).isEqualTo(ModelEvent.SYNC_ACTOR);
        assertThat(events.getFirst().at()).isEqualTo(T1);
        assertThat(events.getLast().after()).containsEntry("status", "new");
        assertThat(store.eventsOf("openai/gpt-4o", 1)).hasSize(1);
        assertThat(store.eventsOf("nobody/knows", 10)).isEmpty();
    }

    @Test
    void eventsOfOneInstantComeBackInReverseOrderOfWriting() {
        store.inTransaction(transaction -> {
            transaction.appendEvents(List.of(
                    ModelEvent.of(
                            "m/x",
                            EventKind.STATUS_CHANGED,
                            Map.of("status", "new"),
                            Map.of("status", "active"),
                            "admin-1",
                            T0),
                    ModelEvent.of(
                            "m/x",
                            EventKind.TIERS_CHANGED,
                            Map.of("is_pro", "false"),
                            Map.of("is_pro", "true"),
                            "admin-1",
                            T0)));
            return null;
        });

        assertThat(store.eventsOf("m/x", 10))
                .extracting(ModelEvent::kind)
                .containsExactly(EventKind.TIERS_CHANGED, EventKind.STATUS_CHANGED);
    }

    @Test
    void runsAreRecordedAndListedNewestFirst() {
        SyncRun aborted = new SyncRun(
                UUID.randomUUID(),
                SyncTrigger.SCHEDULE,
                SyncRunStatus.ABORTED,
                T0,
                T0.plusSeconds(2),
                SyncCounts.ZERO,
                "Upstream returned 3 entries for 549 present models");
        SyncRun succeeded = new SyncRun(
                UUID.randomUUID(),
                SyncTrigger.MANUAL,
                SyncRunStatus.SUCCEEDED,
                T1,
                T1.plusSeconds(1),
                new SyncCounts(1, 2, 3, 4, 5, 6),
                null);
        store.recordRun(aborted);
        store.recordRun(succeeded);

        assertThat(store.recentRuns(10)).containsExactly(succeeded, aborted);
        assertThat(store.recentRuns(1)).containsExactly(succeeded);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> store.recentRuns(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.eventsOf("a/b", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- admin updates ---

    @Test
    void anAdminUpdateWritesOnlyStatusFlagsAndReviewColumns() {
        UpstreamModel gpt = model("openai/gpt-4o").build();
        sync(store, snapshot(gpt), T0);
        CatalogModel before = row("openai/gpt-4o");

        approve("openai/gpt-4o", new AdminChange("openai/gpt-4o", ModelStatus.ACTIVE, true, null, null), T1);

        CatalogModel after = row("openai/gpt-4o");
        assertThat(after.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(after.tiers()).isEqualTo(new TierFlags(true, false, false));
        assertThat(after.statusChangedAt()).isEqualTo(T1);
        assertThat(after.reviewedBy()).isEqualTo("admin-1");
        assertThat(after.reviewedAt()).isEqualTo(T1);
        assertThat(after.upstream()).isEqualTo(before.upstream());
        assertThat(after.lastSeenAt()).isEqualTo(before.lastSeenAt());
        assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
        assertThat(store.eventsOf("openai/gpt-4o", 10))
                .extracting(ModelEvent::kind)
                .containsExactlyInAnyOrder(EventKind.STATUS_CHANGED, EventKind.TIERS_CHANGED, EventKind.ADDED);
    }

    @Test
    void aFlagOnlyUpdateLeavesStatusChangedAtAlone() {
        sync(store, snapshot(model("openai/gpt-4o").build()), T0);

        approve("openai/gpt-4o", new AdminChange("openai/gpt-4o", null, null, true, null), T1);

        assertThat(row("openai/gpt-4o").statusChangedAt()).isEqualTo(T0);
        assertThat(row("openai/gpt-4o").tiers().pro()).isTrue();
        assertThat(row("openai/gpt-4o").reviewedAt()).isEqualTo(T1);
    }

    @Test
    void flagsOfAnInactiveModelMayStillBeEdited() {
        sync(store, snapshot(model("keep/a").build(), model("gone/b").build()), T0);
        sync(store, snapshot(model("keep/a").build()), T1);

        approve("gone/b", new AdminChange("gone/b", null, true, true, true), T2);

        assertThat(row("gone/b").tiers()).isEqualTo(new TierFlags(true, true, true));
        assertThat(row("gone/b").status()).isEqualTo(ModelStatus.INACTIVE);
    }

    @Test
    void aStatusChangeThatReachesAnInactiveRowIsRefusedAndNothingIsWritten() {
        sync(store, snapshot(model("keep/a").build(), model("gone/b").build()), T0);
        CatalogModel stale = row("gone/b");
        sync(store, snapshot(model("keep/a").build()), T1);
        AdminUpdate decidedOnStaleRow = new AdminLifecycle(Clock.fixed(T2, ZoneOffset.UTC))
                .decide(stale, new AdminChange("gone/b", ModelStatus.ACTIVE, true, null, null), "admin-1");
        AdminUpdate fine = new AdminLifecycle(Clock.fixed(T2, ZoneOffset.UTC))
                .decide(row("keep/a"), new AdminChange("keep/a", null, true, null, null), "admin-1");

        assertThatThrownBy(() -> store.inTransaction(transaction -> {
                    transaction.applyAdminUpdates(List.of(fine, decidedOnStaleRow), T2);
                    return null;
                }))
                .isInstanceOf(LifecycleViolationException.class)
                .hasMessageContaining("gone/b");
        assertThat(row("gone/b").status()).isEqualTo(ModelStatus.INACTIVE);
        assertThat(row("keep/a").tiers()).isEqualTo(TierFlags.NONE);
    }

    @Test
    void anAdminUpdateOfAnUnknownModelIsModelNotFound() {
        AdminUpdate update = new AdminUpdate(
                "no/such-model",
                ModelStatus.NEW,
                false,
                new TierFlags(true, false, false),
                "admin-1",
                List.of(ModelEvent.of("no/such-model", EventKind.TIERS_CHANGED, Map.of(), Map.of(), "admin-1", T0)));

        assertThatThrownBy(() -> store.inTransaction(transaction -> {
                    transaction.applyAdminUpdates(List.of(update), T0);
                    return null;
                }))
                .isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void adminUpdatesThatCannotBeRightAreRefusedBeforeAnyWrite() {
        sync(store, snapshot(model("a/b").build()), T0);
        List<ModelEvent> someEvent =
                List.of(ModelEvent.of("a/b", EventKind.STATUS_CHANGED, Map.of(), Map.of(), "admin", T0));
        AdminUpdate toNew = new AdminUpdate("a/b", ModelStatus.INACTIVE, true, TierFlags.NONE, "admin", someEvent);
        AdminUpdate twice = new AdminUpdate("a/b", ModelStatus.ACTIVE, true, TierFlags.NONE, "admin", someEvent);

        assertThatThrownBy(() -> store.inTransaction(t -> {
                    t.applyAdminUpdates(List.of(toNew), T0);
                    return null;
                }))
                .isInstanceOf(ModelAccessException.class)
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only to active or disabled");
        assertThatThrownBy(() -> store.inTransaction(t -> {
                    t.applyAdminUpdates(List.of(twice, twice), T0);
                    return null;
                }))
                .isInstanceOf(ModelAccessException.class)
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Two admin updates");
    }

    @Test
    void anAdminUpdateThatChangesNothingWritesNothing() throws SQLException {
        sync(store, snapshot(model("a/b").build()), T0);
        String xmin = queryString("select xmin::text from model_access");
        AdminUpdate nothing = new AdminLifecycle(Clock.fixed(T1, ZoneOffset.UTC))
                .decide(row("a/b"), new AdminChange("a/b", ModelStatus.NEW, false, null, null), "admin-1");

        store.inTransaction(transaction -> {
            transaction.applyAdminUpdates(List.of(nothing), T1);
            return null;
        });

        assertThat(queryString("select xmin::text from model_access")).isEqualTo(xmin);
    }

    @Test
    void lockModelReadsTheRowForUpdate() {
        sync(store, snapshot(model("a/b").build()), T0);

        Optional<CatalogModel> locked = store.inTransaction(transaction -> transaction.lockModel("a/b"));
        Optional<CatalogModel> missing = store.inTransaction(transaction -> transaction.lockModel("x/y"));

        assertThat(locked).map(CatalogModel::modelId).contains("a/b");
        assertThat(missing).isEmpty();
    }

    // --- search ---

    @Test
    void searchFiltersByStatusAndMatchesIdOrNameCaseInsensitivelyInModelIdOrder() {
        sync(
                store,
                snapshot(
                        model("openai/gpt-4o").name("OpenAI: GPT-4o").build(),
                        model("openai/gpt-4o-mini").name("OpenAI: GPT-4o mini").build(),
                        model("anthropic/claude")
                                .name("Anthropic: Claude (GPT killer)")
                                .build(),
                        model("meta/llama").name("Llama").build()),
                T0);
        approve("openai/gpt-4o", new AdminChange("openai/gpt-4o", ModelStatus.ACTIVE, null, null, null));

        assertThat(ids(store.searchModels(new CatalogQuery(null, "gpt", 10, 0))))
                .containsExactly("anthropic/claude", "openai/gpt-4o", "openai/gpt-4o-mini");
        assertThat(ids(store.searchModels(new CatalogQuery(ModelStatus.NEW, "GPT-4O", 10, 0))))
                .containsExactly("openai/gpt-4o-mini");
        assertThat(ids(store.searchModels(new CatalogQuery(ModelStatus.ACTIVE, null, 10, 0))))
                .containsExactly("openai/gpt-4o");
        assertThat(ids(store.searchModels(new CatalogQuery(ModelStatus.DISABLED, null, 10, 0))))
                .isEmpty();
    }

    @Test
    void searchPagesWithATotalOfAllMatches() {
        sync(store, snapshot(TestModels.synthetic("page", 25).toArray(UpstreamModel[]::new)), T0);

        CatalogPage second = store.searchModels(new CatalogQuery(null, null, 10, 10));
        CatalogPage beyond = store.searchModels(new CatalogQuery(null, null, 10, 100));

        assertThat(second.total()).isEqualTo(25);
        assertThat(ids(second)).hasSize(10).first().isEqualTo("page/model-00011");
        assertThat(beyond.total()).isEqualTo(25);
        assertThat(beyond.models()).isEmpty();
    }

    @Test
    void searchTakesWildcardsLiterally() {
        sync(
                store,
                snapshot(
                        model("a/100%-free").name("Percent").build(),
                        model("a/1000-free").name("Thousand").build(),
                        model("b/under_score").name("Underscore").build(),
                        model("b/underXscore").name("No underscore").build(),
                        model("c/back\\slash!bang").name("Escapes").build()),
                T0);

        assertThat(ids(store.searchModels(new CatalogQuery(null, "%", 10, 0)))).containsExactly("a/100%-free");
        assertThat(ids(store.searchModels(new CatalogQuery(null, "r_s", 10, 0))))
                .containsExactly("b/under_score");
        assertThat(ids(store.searchModels(new CatalogQuery(null, "\\slash!", 10, 0))))
                .containsExactly("c/back\\slash!bang");
        assertThat(ids(store.searchModels(new CatalogQuery(null, "!b", 10, 0)))).containsExactly("c/back\\slash!bang");
    }

    // --- transactions and failures ---

    @Test
    void workThatThrowsRollsTheTransactionBackAndItsExceptionComesOutAsTheCause() {
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> store.inTransaction(transaction -> {
                    transaction.recordRun(new SyncRun(
                            UUID.randomUUID(), SyncTrigger.MANUAL, SyncRunStatus.FAILED, T0, T0, SyncCounts.ZERO, "x"));
                    throw failure;
                }))
                .isInstanceOf(ModelAccessException.class)
                .hasCause(failure);
        assertThat(store.recentRuns(10)).isEmpty();
    }

    @Test
    void aDatabaseFailureIsAStoreExceptionWithItsSqlState() {
        assertRecordingARunTwiceIsAStoreException(store);
    }

    /** The second insert of one run breaks the primary key: a {@link StoreException} with SQL state 23505. */
    private static void assertRecordingARunTwiceIsAStoreException(ModelAccessStore store) {
        SyncRun run = new SyncRun(
                UUID.randomUUID(), SyncTrigger.MANUAL, SyncRunStatus.SUCCEEDED, T0, T0, SyncCounts.ZERO, null);
        store.recordRun(run);

        assertThatThrownBy(() -> store.recordRun(run))
                .isInstanceOf(StoreException.class)
                .isInstanceOf(ModelAccessException.class)
                .hasMessageContaining("Could not record the sync run")
                .hasRootCauseInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((StoreException) e).sqlState()).isEqualTo("23505"));
    }

    @Test
    void anUnreachableDatabaseIsAStoreException() {
        ModelAccessStore unreachable = JooqModelAccess.of(new org.postgresql.ds.PGSimpleDataSource() {
                    {
                        setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
                    }
                })
                .store();

        assertThatThrownBy(unreachable::loadCatalog)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("Could not load the catalog");
        assertThatThrownBy(() -> unreachable.inTransaction(t -> null)).isInstanceOf(StoreException.class);
    }

    /**
     * A host's {@code DSLContext} may translate jOOQ's exceptions into its own (Spring Boot's jOOQ auto-configuration
     * turns them into Spring's {@code DataAccessException}): they must still come out as {@link StoreException}.
     */
    @Test
    void aDatabaseFailureTranslatedByTheHostsExecuteListenerIsStillAStoreException() {
        org.jooq.DSLContext translating = org.jooq.impl.DSL.using(dataSource, org.jooq.SQLDialect.POSTGRES);
        translating
                .configuration()
                .set(org.jooq.ExecuteListener.onException(
                        context -> context.exception(new HostDataAccessException(context.sqlException()))));
        ModelAccessStore hosted = JooqModelAccess.of(dataSource, translating).store();
        assertRecordingARunTwiceIsAStoreException(hosted);

        translating
                .configuration()
                .set(
                        org.jooq.ExecuteListener.onRenderEnd(context -> context.sql("select broken from nowhere")),
                        org.jooq.ExecuteListener.onException(
                                context -> context.exception(new HostDataAccessException(context.sqlException()))));
        ModelAccessStore broken = JooqModelAccess.of(dataSource, translating).store();
        assertThatThrownBy(broken::loadCatalog)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("Could not load the catalog")
                .satisfies(e -> assertThat(((StoreException) e).sqlState()).isEqualTo("42P01"));
    }

    /** What a host's exception translator throws instead of jOOQ's exception. */
    static final class HostDataAccessException extends RuntimeException {
        HostDataAccessException(@org.jspecify.annotations.Nullable Throwable cause) {
            super("translated by the host", cause);
        }
    }

    /** {@code sync_runs} requires {@code finished_at >= started_at}: a clock stepping back must not lose the run. */
    @Test
    void aClockSteppingBackwardsDuringASyncStillRecordsTheRun() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Clock steppingBack = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return reads.getAndIncrement() == 0 ? T1 : T1.minusSeconds(3_600);
            }
        };
        dev.modelaccess.core.sync.CatalogSync sync = new dev.modelaccess.core.sync.CatalogSync(
                () -> snapshot(model("a/b").build()), store, SyncGuards.DEFAULTS, steppingBack);

        dev.modelaccess.core.sync.SyncOutcome outcome = sync.run(SyncTrigger.MANUAL, false);

        assertThat(outcome).isInstanceOf(dev.modelaccess.core.sync.SyncOutcome.Succeeded.class);
        assertThat(store.recentRuns(10)).singleElement().satisfies(run -> {
            assertThat(run.id()).isEqualTo(outcome.run().id());
            assertThat(run.status()).isEqualTo(SyncRunStatus.SUCCEEDED);
            assertThat(run.startedAt()).isEqualTo(T1);
            assertThat(run.finishedAt()).isEqualTo(T1);
        });
        assertThat(store.findModel("a/b")).isPresent();
    }

    @Test
    void aRowEditedByHandIntoSomethingUnreadableIsAClearStoreException() throws SQLException {
        sync(store, snapshot(model("a/b").build()), T0);
        schema.execute("update model_access set pricing = '{\"prompt\": \"cheap\"}' where model_id = 'a/b'");

        assertThatThrownBy(() -> store.findModel("a/b"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("a/b");
    }

    // --- helpers ---

    private void approve(String modelId, AdminChange change) {
        approve(modelId, change, T0.plusSeconds(60));
    }

    private void approve(String modelId, AdminChange change, Instant at) {
        Syncs.decide(store, modelId, change, "admin-1", at);
    }

    private CatalogModel row(String modelId) {
        return store.findModel(modelId).orElseThrow();
    }

    static UpstreamSnapshot snapshot(UpstreamModel... models) {
        return UpstreamSnapshot.of(List.of(models));
    }

    private static List<String> ids(CatalogPage page) {
        return page.models().stream().map(CatalogModel::modelId).toList();
    }

    private static String queryString(String sql) throws SQLException {
        return schema.strings(sql).getFirst();
    }
}
