package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Two instances of the app on one database. */
@WithPostgres
class TwoInstancesTest {

    static final UUID ADMIN = UUID.fromString("e0000000-0000-4000-8000-0000000000ad");
    static final String[] MODELS = {"a/one", "a/two:free", "b/three", "~c/four-latest", "d/five.1"};

    static TestSchema schema;
    static FakeOpenRouter openRouter;
    static RunningApp a;
    static RunningApp b;
    static DSLContext dsl;

    @BeforeAll
    static void start() throws Exception {
        openRouter = new FakeOpenRouter().serve(FakeOpenRouter.models(MODELS));
        a = RunningApp.start(schema, openRouter);
        b = RunningApp.start(schema, openRouter);
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, openRouter}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aSyncTriggeredOnBothAtOnceAppliesOnce() throws Exception {
        openRouter.holdUntil(2);
        String token = TestTokens.admin(ADMIN);

        CompletableFuture<HttpResponse<String>> onA =
                CompletableFuture.supplyAsync(() -> a.post("/api/admin/sync", token, ""));
        CompletableFuture<HttpResponse<String>> onB =
                CompletableFuture.supplyAsync(() -> b.post("/api/admin/sync", token, ""));
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
        assertThat(dsl.fetchCount(DSL.table("model_access"))).isEqualTo(MODELS.length);
        assertThat(dsl.fetchCount(
                        DSL.table("model_access_events"), DSL.field("kind").eq("added")))
                .isEqualTo(MODELS.length);
    }
}
