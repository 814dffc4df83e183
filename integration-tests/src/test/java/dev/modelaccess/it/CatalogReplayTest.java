package dev.modelaccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.sync.AbortReason;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.SyncCounts;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.jooq.JooqModelAccess;
import dev.modelaccess.jooq.ModelAccessSchema;
import dev.modelaccess.openrouter.OpenRouterClient;
import dev.modelaccess.testsupport.data.SharedData;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The real OpenRouter responses of 2025-05-23, 2026-02-27, 2026-08-14 and 2026-08-14 with every output modality,
 * served in that order on loopback and synced through the real adapter into real PostgreSQL. What each run must
 * do is computed from the files by {@link Snapshot}, independently of the code under test.
 */
@WithPostgres
class CatalogReplayTest {

    static DataSource dataSource;
    static LocalOpenRouter openRouter;
    static OpenRouterClient client;
    static CatalogSync sync;
    static Tables tables;

    @BeforeAll
    static void start() throws Exception {
        ModelAccessSchema.migrate(dataSource);
        openRouter = LocalOpenRouter.start();
        client = OpenRouterClient.builder().baseUrl(openRouter.baseUrl()).build();
        sync = new CatalogSync(client, JooqModelAccess.of(dataSource).store(), SyncGuards.DEFAULTS, Clock.systemUTC());
        tables = new Tables(dataSource);
    }

    @AfterAll
    static void stop() {
        client.close();
        openRouter.close();
    }

    /** What the test knows the catalog holds, kept from the files alone. */
    private final Set<String> present = new HashSet<>();

    private final Set<String> inactive = new HashSet<>();
    private final Map<String, JsonNode> lastSeen = new HashMap<>();

    @Test
    void realSnapshotsSyncInOrderWithTheAddsRemovalsReturnsAndPriceChangesTheFilesShow() throws Exception {
        Snapshot may2025 = Snapshot.read(SharedData.openRouterFile("models-2025-05-23.json"));
        Snapshot feb2026 = Snapshot.read(SharedData.openRouterFile("models-2026-02-27.json"));
        Snapshot aug2026 = Snapshot.read(SharedData.openRouterFile("models-2026-08-14.json"));
        Snapshot aug2026All = Snapshot.read(SharedData.openRouterFile("models-2026-08-14-all-modalities.json"));
        tables.truncate();

        SyncCounts first = syncExpecting(may2025, false);
        assertThat(first.added()).isEqualTo(321);
        assertThat(tables.count("select count(*) from model_access where status = 'new'"
                        + " and not (is_free or is_pro or is_enterprise)"))
                .as("a first run brings every model in as new with every tier off")
                .isEqualTo(321);

        // An admin's choices, which no sync may touch: one model that will vanish and come back, one that stays.
        String vanishesAndReturns = firstOf(minus(intersect(may2025.ids(), feb2026.ids()), aug2026All.ids()));
        String staysThroughout =
                firstOf(intersect(intersect(may2025.ids(), feb2026.ids()), intersect(aug2026.ids(), aug2026All.ids())));
        tables.execute("update model_access set status = 'active', is_pro = true where model_id = '"
                + vanishesAndReturns + "'");
        tables.execute("update model_access set status = 'disabled', is_enterprise = true where model_id = '"
                + staysThroughout + "'");

        List<String> beforeRefusedRun = tables.dump();
        SyncOutcome refused = runWith(feb2026, false);
        assertThat(refused)
                .isInstanceOfSatisfying(
                        SyncOutcome.Aborted.class,
                        aborted -> assertThat(aborted.reason()).isEqualTo(AbortReason.TOO_MANY_DEACTIVATIONS));
        assertThat(tables.dump()).as("an aborted run writes nothing").isEqualTo(beforeRefusedRun);

        syncExpecting(feb2026, true);
        syncExpecting(aug2026, true);
        assertThat(tables.row("select status, status_before_inactive, is_pro from model_access where model_id = '"
                        + vanishesAndReturns + "'"))
                .containsEntry("status", "inactive")
                .containsEntry("status_before_inactive", "active")
                .containsEntry("is_pro", "t");

        syncExpecting(aug2026All, false);
        assertThat(tables.count("select count(*) from model_access where status <> 'inactive'"))
                .isEqualTo(549);
        assertPricesStoredExactly(aug2026All);

        // The real files never bring a model back, so replay February again: everything gone since returns.
        SyncCounts back = syncExpecting(feb2026, true);
        assertThat(back.reactivated()).isPositive();
        assertThat(tables.row("select status, status_before_inactive, is_pro from model_access where model_id = '"
                        + vanishesAndReturns + "'"))
                .as("a returning model gets back the status it had, and its tiers were never touched")
                .containsEntry("status", "active")
                .containsEntry("status_before_inactive", null)
                .containsEntry("is_pro", "t");
        assertThat(tables.row(
                        "select status, is_enterprise from model_access where model_id = '" + staysThroughout + "'"))
                .containsEntry("status", "disabled")
                .containsEntry("is_enterprise", "t");

        List<String> settled = tables.dump();
        SyncOutcome again = runWith(feb2026, false);
        assertThat(again).isInstanceOfSatisfying(SyncOutcome.Succeeded.class, succeeded -> {
            assertThat(succeeded.run().counts().writes()).isZero();
            assertThat(succeeded.run().counts().unchanged())
                    .isEqualTo(feb2026.ids().size());
        });
        assertThat(tables.dump())
                .as("an unchanged re-sync writes no row (xmin included)")
                .isEqualTo(settled);
    }

    private SyncCounts syncExpecting(Snapshot next, boolean force) {
        Set<String> expectedAdded = minus(minus(next.ids(), present), inactive);
        Set<String> expectedRemoved = minus(present, next.ids());
        Set<String> expectedReturned = intersect(next.ids(), inactive);
        Set<String> stayed = intersect(next.ids(), present);
        long expectedRepriced = intersect(next.ids(), union(present, inactive)).stream()
                .filter(id -> Snapshot.repriced(lastSeen.get(id), next.models().get(id)))
                .count();
        long pricedBefore = tables.count("select count(*) from model_access_events where kind = 'price_changed'");

        SyncOutcome outcome = runWith(next, force);

        assertThat(outcome).isInstanceOf(SyncOutcome.Succeeded.class);
        SyncCounts counts = outcome.run().counts();
        assertThat(counts.added()).as("added").isEqualTo(expectedAdded.size());
        assertThat(counts.deactivated()).as("deactivated").isEqualTo(expectedRemoved.size());
        assertThat(counts.reactivated()).as("returned").isEqualTo(expectedReturned.size());
        assertThat(counts.updated() + counts.unchanged())
                .as("present on both sides")
                .isEqualTo(stayed.size());
        assertThat(counts.skippedInvalid()).isZero();
        assertThat(tables.count("select count(*) from model_access_events where kind = 'price_changed'") - pricedBefore)
                .as("price_changed events")
                .isEqualTo(expectedRepriced);
        assertThat(Set.copyOf(tables.strings("select model_id from model_access where status = 'inactive'")))
                .isEqualTo(union(minus(inactive, next.ids()), expectedRemoved));

        present.clear();
        present.addAll(next.ids());
        inactive.removeAll(next.ids());
        inactive.addAll(expectedRemoved);
        lastSeen.putAll(next.models());
        return counts;
    }

    private SyncOutcome runWith(Snapshot snapshot, boolean force) {
        openRouter.on("/api/v1/models", LocalOpenRouter.raw(200, "application/json", snapshot.body()));
        return sync.run(SyncTrigger.MANUAL, force);
    }

    /** A variable price ({@code -1}) and the longest decimal of the file both come back exactly as written. */
    private void assertPricesStoredExactly(Snapshot snapshot) {
        String variable = null;
        String longest = null;
        int longestLength = 0;
        for (JsonNode model : snapshot.models().values()) {
            String prompt = model.path("pricing").path("prompt").asString();
            if (prompt.equals("-1") && variable == null) {
                variable = model.get("id").asString();
            }
            if (prompt.length() > longestLength) {
                longestLength = prompt.length();
                longest = model.get("id").asString();
            }
        }
        assertThat(variable).as("the file has a router model priced -1").isNotNull();
        for (String id : List.of(variable, longest)) {
            String written =
                    snapshot.models().get(id).path("pricing").path("prompt").asString();
            Map<String, String> stored = tables.row(
                    "select pricing_prompt::text as numeric_text, pricing->>'prompt' as json_text from model_access"
                            + " where model_id = '" + id.replace("'", "''") + "'");
            assertThat(new BigDecimal(stored.get("numeric_text"))).as(id).isEqualByComparingTo(new BigDecimal(written));
            assertThat(stored.get("json_text")).as(id).isEqualTo(written);
        }
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> result = new HashSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> result = new HashSet<>(a);
        result.retainAll(b);
        return result;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> result = new HashSet<>(a);
        result.addAll(b);
        return result;
    }

    private static String firstOf(Set<String> ids) {
        return ids.stream().sorted().findFirst().orElseThrow();
    }
}
