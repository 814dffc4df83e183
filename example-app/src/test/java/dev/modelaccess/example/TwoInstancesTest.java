package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Two instances of the app on one database. */
@WithPostgres
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTest {

    static final UUID ADMIN = UUID.fromString("e0000000-0000-4000-8000-0000000000ad");
    static final String[] MODELS = {"a/one", "a/two:free", "b/three", "~c/four-latest", "d/five.1"};

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static RunningApp a;
    static RunningApp b;
    static DSLContext dsl;

    @BeforeAll
    static void start() throws Exception {
        openRouter = ExampleOpenRouter.serving(ExampleOpenRouter.models(MODELS));
        a = RunningApp.start(schema, openRouter);
        b = RunningApp.start(schema, openRouter);
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(a, b, openRouter);
    }

    /**
     * The overlap is made certain: both fetches are held until both arrived, and the test holds {@code sync_runs}
     * locked until both runs wait on it — the one that got the sync lock inside its apply transaction, the other
     * recording its skipped run — so the second run tries the lock while the first one holds it.
     */
    @Test
    @Order(1)
    void aSyncTriggeredOnBothAtOnceAppliesOnce() throws Exception {
        openRouter.on(
                ExampleOpenRouter.MODELS,
                ExampleOpenRouter.heldUntil(2, ExampleOpenRouter.catalog(ExampleOpenRouter.models(MODELS))));
        String token = TestTokens.admin(ADMIN);

        CompletableFuture<HttpResponse<String>> onA;
        CompletableFuture<HttpResponse<String>> onB;
        try (java.sql.Connection blocker = schema.openConnection()) {
            blocker.setAutoCommit(false);
            try (java.sql.Statement statement = blocker.createStatement()) {
                statement.execute("lock table sync_runs in exclusive mode");
            }
            onA = CompletableFuture.supplyAsync(() -> a.post("/api/admin/sync", token, ""));
            onB = CompletableFuture.supplyAsync(() -> b.post("/api/admin/sync", token, ""));
            assertThat(within(
                            Duration.ofSeconds(30),
                            () -> ((Number) dsl.fetchValue("select count(*) from pg_locks where not granted"
                                                    + " and relation = 'sync_runs'::regclass"))
                                            .longValue()
                                    == 2))
                    .as("both runs reached sync_runs while the first held the sync lock")
                    .isTrue();
            blocker.commit();
        }
        List<JsonNode> runs = new ArrayList<>();
        for (HttpResponse<String> response : List.of(onA.get(60, TimeUnit.SECONDS), onB.get(60, TimeUnit.SECONDS))) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            runs.add(JsonMapper.builder().build().readTree(response.body()));
        }

        assertThat(runs).extracting(run -> run.get("added").asInt()).containsExactlyInAnyOrder(MODELS.length, 0);
        assertThat(runs)
                .filteredOn(run -> run.get("added").asInt() == 0)
                .singleElement()
                .satisfies(run -> assertThat(run.get("status").asString()).isIn("skipped", "succeeded"));
        assertThat(runs)
                .extracting(run -> run.get("status").asString())
                .containsExactlyInAnyOrder("succeeded", "skipped");
        assertThat(dsl.fetchCount(DSL.table("model_access"))).isEqualTo(MODELS.length);
        assertThat(dsl.fetchCount(
                        DSL.table("model_access_events"), DSL.field("kind").eq("added")))
                .isEqualTo(MODELS.length);
    }

    @Test
    @Order(2)
    void anAdminChangeThroughAShowsInBsDropdownWithinTwoSeconds() {
        dsl.execute("insert into profiles (id, tier) values (?, 'pro') on conflict (id) do nothing", PRO);
        assertThat(ids(b)).doesNotContain("a/one");

        HttpResponse<String> patch =
                a.patch("/api/admin/models/a/one", TestTokens.admin(ADMIN), "{\"status\":\"active\",\"is_pro\":true}");
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);

        assertThat(within(Duration.ofSeconds(2), () -> ids(b).contains("a/one")))
                .isTrue();
    }

    @Test
    @Order(3)
    void aPlainSqlChangeReachesBothInstancesWithinTwoSeconds() {
        dsl.execute("insert into profiles (id, tier) values (?, 'pro') on conflict (id) do nothing", PRO);
        dsl.execute("update model_access set status = 'active', is_pro = true where model_id = 'b/three'");

        assertThat(within(Duration.ofSeconds(2), () -> ids(a).contains("b/three") && ids(b).contains("b/three")))
                .isTrue();

        dsl.execute("update model_access set is_pro = false where model_id = 'b/three'");

        assertThat(within(Duration.ofSeconds(2), () -> !ids(a).contains("b/three") && !ids(b).contains("b/three")))
                .isTrue();
    }

    static final UUID PRO = UUID.fromString("e0000000-0000-4000-8000-000000000002");

    private static List<String> ids(RunningApp app) {
        HttpResponse<String> response = app.get("/api/models", TestTokens.user(PRO));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.builder()
                .build()
                .readTree(response.body())
                .get("data")
                .valueStream()
                .map(model -> model.get("id").asString())
                .toList();
    }

    /** Whether {@code condition} holds before {@code timeout} runs out (checked every 50 ms). */
    private static boolean within(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
