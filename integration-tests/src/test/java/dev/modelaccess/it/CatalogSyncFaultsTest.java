package dev.modelaccess.it;

import static dev.modelaccess.testsupport.openrouter.LocalOpenRouter.json;
import static dev.modelaccess.testsupport.openrouter.LocalOpenRouter.raw;
import static dev.modelaccess.testsupport.openrouter.LocalOpenRouter.slow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.UpstreamUnavailableException;
import dev.modelaccess.core.sync.AbortReason;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.jooq.JooqModelAccess;
import dev.modelaccess.jooq.ModelAccessSchema;
import dev.modelaccess.openrouter.OpenRouterClient;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upstream misbehaves in every way seen or feared; each time the catalog and its history stay exactly as they were
 * (compared as a dump with row versions), and the run is recorded with what happened.
 */
@WithPostgres
class CatalogSyncFaultsTest {

    static final int MODELS = 20;
    static final String CATALOG = Fixtures.catalog(MODELS, "0.000001");

    static DataSource dataSource;
    static Tables tables;

    LocalOpenRouter openRouter;
    OpenRouterClient client;
    CatalogSync sync;
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    List<String> before;

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(dataSource);
        tables = new Tables(dataSource);
    }

    @BeforeEach
    void seedCatalog() throws Exception {
        openRouter = LocalOpenRouter.start();
        client = OpenRouterClient.builder()
                .baseUrl(openRouter.baseUrl())
                .readTimeout(Duration.ofMillis(500))
                .initialBackoff(Duration.ofMillis(1))
                .sleeper(waits::add)
                .build();
        sync = new CatalogSync(client, JooqModelAccess.of(dataSource).store(), SyncGuards.DEFAULTS, Clock.systemUTC());
        tables.truncate();
        openRouter.on("/api/v1/models", json(CATALOG));
        assertThat(sync.run(SyncTrigger.MANUAL, false)).isInstanceOf(SyncOutcome.Succeeded.class);
        tables.execute("update model_access set status = 'active', is_free = true where model_id = 'test/model-1'");
        openRouter.forgetReceived();
        waits.clear();
        before = tables.dump();
    }

    @AfterEach
    void stop() {
        client.close();
        openRouter.close();
    }

    @Test
    void anEmptyListAborts() {
        openRouter.on("/api/v1/models", json("{\"data\":[]}"));
        assertAbortedUntouched(AbortReason.EMPTY_UPSTREAM);
    }

    @Test
    void anEmptyBodyAborts() {
        openRouter.on("/api/v1/models", raw(200, "application/json", new byte[0]));
        assertAbortedUntouched(AbortReason.MALFORMED_RESPONSE);
    }

    @Test
    void anHtmlPageWithStatus200Aborts() {
        openRouter.on(
                "/api/v1/models",
                raw(
                        200,
                        "text/html",
                        "<html><body>Cloudflare says hello</body></html>".getBytes(StandardCharsets.UTF_8)));
        assertAbortedUntouched(AbortReason.MALFORMED_RESPONSE);
    }

    @Test
    void truncatedJsonAborts() {
        openRouter.on("/api/v1/models", json(CATALOG.substring(0, CATALOG.length() / 2)));
        assertAbortedUntouched(AbortReason.MALFORMED_RESPONSE);
    }

    @Test
    void aDuplicateIdAborts() {
        String model = Fixtures.model("test/model-3", "Model 3", "0.000001");
        openRouter.on("/api/v1/models", json(Fixtures.page(List.of(model, model), null, null)));
        assertAbortedUntouched(AbortReason.DUPLICATE_ID);
    }

    @Test
    void aSixtyPercentShrinkAborts() {
        openRouter.on("/api/v1/models", json(Fixtures.catalog(MODELS * 4 / 10, "0.000001")));
        assertAbortedUntouched(AbortReason.TOO_FEW_UPSTREAM_MODELS);
    }

    @Test
    void aTotalCountThatDisagreesAborts() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) {
            entries.add(Fixtures.model("test/model-" + i, "Model " + i, "0.000001"));
        }
        openRouter.on("/api/v1/models", json(Fixtures.page(entries, null, MODELS + 5)));
        assertAbortedUntouched(AbortReason.INCOMPLETE_PAGINATION);
    }

    @Test
    void aNextPageThatFailsLeavesEverythingAsItWas() {
        List<String> firstHalf = new ArrayList<>();
        for (int i = 0; i < MODELS / 2; i++) {
            firstHalf.add(Fixtures.model("test/model-" + i, "Renamed " + i, "0.000009"));
        }
        openRouter.on(
                "/api/v1/models",
                json(Fixtures.page(firstHalf, openRouter.baseUrl() + "/models?page=2", MODELS)),
                json(500, "{\"error\":{\"code\":500,\"message\":\"Internal\"}}"));

        SyncOutcome outcome = sync.run(SyncTrigger.MANUAL, false);

        assertThat(outcome).isInstanceOfAny(SyncOutcome.Failed.class, SyncOutcome.Aborted.class);
        assertThat(openRouter.received())
                .anyMatch(request -> request.pathAndQuery().contains("page=2"));
        assertUntouchedAndRecorded(outcome);
    }

    @Test
    void a429WithAShortRetryAfterIsWaitedOutAndTheRunSucceeds() {
        openRouter.on("/api/v1/models", json(429, rateLimited(), "Retry-After", "1"), json(CATALOG));

        SyncOutcome outcome = sync.run(SyncTrigger.MANUAL, false);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SyncOutcome.Succeeded.class,
                        succeeded -> assertThat(succeeded.run().counts().writes())
                                .as("the same catalog again")
                                .isZero());
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(openRouter.received()).hasSize(2);
        assertThat(tables.dump()).isEqualTo(before);
    }

    @Test
    void a429WithALongRetryAfterFailsAtOnceWithoutWaiting() {
        openRouter.on("/api/v1/models", json(429, rateLimited(), "Retry-After", "120"));

        SyncOutcome outcome = sync.run(SyncTrigger.MANUAL, false);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SyncOutcome.Failed.class,
                        failed -> assertThat(failed.cause()).isInstanceOf(UpstreamUnavailableException.class));
        assertThat(waits).as("nothing slept").isEmpty();
        assertThat(openRouter.received()).hasSize(1);
        assertUntouchedAndRecorded(outcome);
    }

    @Test
    void threeTimes503FailsAfterThreeAttempts() {
        openRouter.on("/api/v1/models", json(503, "{\"error\":{\"code\":503,\"message\":\"Overloaded\"}}"));

        SyncOutcome outcome = sync.run(SyncTrigger.MANUAL, false);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SyncOutcome.Failed.class,
                        failed -> assertThat(failed.cause())
                                .isInstanceOfSatisfying(
                                        UpstreamUnavailableException.class,
                                        e -> assertThat(e.status()).isEqualTo(503)));
        assertThat(openRouter.received()).hasSize(3);
        assertThat(waits).hasSize(2);
        assertUntouchedAndRecorded(outcome);
    }

    @Test
    void aResponseSlowerThanTheReadTimeoutFails() {
        openRouter.on("/api/v1/models", slow(2_000, CATALOG.getBytes(StandardCharsets.UTF_8)));

        SyncOutcome outcome = sync.run(SyncTrigger.MANUAL, false);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SyncOutcome.Failed.class,
                        failed -> assertThat(failed.cause()).isInstanceOf(UpstreamUnavailableException.class));
        assertUntouchedAndRecorded(outcome);
    }

    @Test
    void aSingleMalformedEntryIsSkippedAndItsRowLeftExactlyAsItWas() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) {
            entries.add(Fixtures.model("test/model-" + i, "Model " + i, "0.000001"));
        }
        entries.set(1, entries.get(1).replace("\"prompt\":\"0.000001\"", "\"prompt\":\"about a dollar\""));
        openRouter.on("/api/v1/models", json(Fixtures.page(entries, null, null)));

        SyncOutcome outcome = sync.run(SyncTrigger.MANUAL, false);

        assertThat(outcome).isInstanceOfSatisfying(SyncOutcome.Succeeded.class, succeeded -> {
            assertThat(succeeded.run().counts().skippedInvalid()).isEqualTo(1);
            assertThat(succeeded.run().counts().deactivated()).isZero();
        });
        assertThat(tables.dump()).isEqualTo(before);
    }

    private void assertAbortedUntouched(AbortReason reason) {
        SyncOutcome outcome = sync.run(SyncTrigger.MANUAL, false);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SyncOutcome.Aborted.class,
                        aborted -> assertThat(aborted.reason()).isEqualTo(reason));
        assertUntouchedAndRecorded(outcome);
    }

    private void assertUntouchedAndRecorded(SyncOutcome outcome) {
        assertThat(tables.dump())
                .as("model_access and model_access_events, row versions included")
                .isEqualTo(before);
        SyncRunStatus expected = outcome instanceof SyncOutcome.Aborted ? SyncRunStatus.ABORTED : SyncRunStatus.FAILED;
        assertThat(tables.strings("select status from sync_runs where id = '"
                        + outcome.run().id() + "'"))
                .containsExactly(expected.dbValue());
    }

    private static String rateLimited() {
        return "{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded: free-models-per-day\"}}";
    }
}
