package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.PgBouncer;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of the app whose only database URL is a real PgBouncer in transaction mode with a pool of 4 (as
 * behind Supabase's port 6543), the library's migrations included; the application's own Flyway runs on a direct
 * URL ({@code spring.flyway.url}), as Supabase recommends.
 */
@WithPostgres
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesThroughPgBouncerTest {

    static final UUID ADMIN = UUID.fromString("e0000000-0000-4000-8000-0000000000ad");
    static final UUID PRO = UUID.fromString("e0000000-0000-4000-8000-000000000002");
    static final String[] MODELS = {"a/one", "a/two:free", "b/three", "~c/four-latest", "d/five.1"};

    static TestSchema schema;
    static PgBouncer pooler;
    static LocalOpenRouter openRouter;
    static RunningApp a;
    static RunningApp b;

    @BeforeAll
    static void start() {
        pooler = PgBouncer.inFrontOf(schema);
        openRouter = ExampleOpenRouter.serving(ExampleOpenRouter.models(MODELS));
        String[] direct = {
            "spring.flyway.url=" + schema.jdbcUrl(),
            "spring.flyway.user=" + (schema.user() == null ? "" : schema.user()),
            "spring.flyway.password=" + (schema.password() == null ? "" : schema.password()),
            "modelaccess.catalog.listen.self-test-timeout=1s"
        };
        a = RunningApp.start(pooler.jdbcUrl(), pooler.user(), pooler.password(), openRouter.baseUrl(), direct);
        b = RunningApp.start(pooler.jdbcUrl(), pooler.user(), pooler.password(), openRouter.baseUrl(), direct);
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(a, b, openRouter, pooler);
    }

    @Test
    @Order(1)
    void theCatalogSyncsThroughThePoolerAndBothInstancesSayTheyRelyOnTheCatalogVersion() throws Exception {
        HttpResponse<String> sync = a.post("/api/admin/sync", TestTokens.admin(ADMIN), "");
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
        schema.execute("insert into profiles (id, tier) values ('" + PRO + "', 'pro') on conflict (id) do nothing");

        for (RunningApp app : List.of(a, b)) {
            assertThat(within(Duration.ofSeconds(20), () -> "poll".equals(changePath(app))))
                    .as("health detail catalog_changes, is %s", changePath(app))
                    .isTrue();
        }
    }

    @Test
    @Order(2)
    void anAdminChangeOnAShowsInBsDropdownWithinFiveSeconds() {
        assertThat(ids(b)).doesNotContain("a/one");
        long started = System.nanoTime();

        HttpResponse<String> patch =
                a.patch("/api/admin/models/a/one", TestTokens.admin(ADMIN), "{\"status\":\"active\",\"is_pro\":true}");
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);

        assertThat(within(Duration.ofSeconds(5), () -> ids(b).contains("a/one")))
                .isTrue();
        System.out.println("FRESHNESS two instances through PgBouncer: "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
    }

    @Test
    @Order(3)
    void sequentialKeyJobRunsUnderTrafficAreNeverRefusedAndConcurrentOnesLeaveNoLeaseBehind() throws Exception {
        ExecutorService traffic = Executors.newFixedThreadPool(4);
        CountDownLatch stop = new CountDownLatch(1);
        List<Future<?>> load = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RunningApp app = i % 2 == 0 ? a : b;
            load.add(traffic.submit(() -> {
                while (stop.getCount() > 0) {
                    assertThat(app.get("/api/models", TestTokens.user(PRO)).statusCode())
                            .isEqualTo(200);
                }
                return null;
            }));
        }
        int refused = 0;
        for (int run = 0; run < 12; run++) {
            HttpResponse<String> response = (run % 2 == 0 ? a : b).post("/api/admin/keys/reverify", admin(), "");
            if (response.statusCode() == 409) {
                refused++;
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        }
        List<CompletableFuture<HttpResponse<String>>> together = new ArrayList<>();
        for (int pair = 0; pair < 5; pair++) {
            together.add(CompletableFuture.supplyAsync(() -> a.post("/api/admin/keys/reverify", admin(), "")));
            together.add(CompletableFuture.supplyAsync(() -> b.post("/api/admin/keys/reverify", admin(), "")));
        }
        for (CompletableFuture<HttpResponse<String>> response : together) {
            assertThat(response.get(60, TimeUnit.SECONDS).statusCode()).isIn(200, 409);
        }
        stop.countDown();
        for (Future<?> running : load) {
            running.get(60, TimeUnit.SECONDS);
        }
        traffic.shutdown();

        System.out.println("JOB RUNS refused of 12 sequential through PgBouncer under traffic: " + refused);
        assertThat(refused).as("sequential runs answered 409").isZero();
        assertThat(schema.strings("select count(*) from model_access_job_leases where expires_at > now()"))
                .containsExactly("0");
        assertThat(schema.strings("select count(*) from pg_locks where locktype = 'advisory'"))
                .containsExactly("0");
        assertThat(a.post("/api/admin/keys/reverify", admin(), "").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void aThousandMixedReadsAndWritesOnBothInstancesSeeNoDatabaseError() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        AtomicInteger failures = new AtomicInteger();
        List<String> firstFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> requests = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int request = i;
            RunningApp app = request % 2 == 0 ? a : b;
            requests.add(clients.submit(() -> {
                HttpResponse<String> response = request % 4 == 0
                        ? app.patch(
                                "/api/admin/models/a/one", admin(), "{\"is_enterprise\":" + (request % 8 == 0) + "}")
                        : app.get("/api/models", TestTokens.user(PRO));
                if (response.statusCode() != 200) {
                    failures.incrementAndGet();
                    if (firstFailures.size() < 5) {
                        firstFailures.add(response.statusCode() + " " + response.body());
                    }
                }
            }));
        }
        for (Future<?> request : requests) {
            request.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();

        assertThat(failures).as("failed requests: %s", firstFailures).hasValue(0);
    }

    private static String admin() {
        return TestTokens.admin(ADMIN);
    }

    private static String changePath(RunningApp app) {
        HttpResponse<String> health = app.management("/actuator/health", admin());
        JsonNode details = JsonMapper.builder()
                .build()
                .readTree(health.body())
                .path("components")
                .path("modelAccess");
        return details.path("details").path("catalog_changes").asString("");
    }

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
    private static boolean within(Duration timeout, BooleanSupplier condition) {
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
