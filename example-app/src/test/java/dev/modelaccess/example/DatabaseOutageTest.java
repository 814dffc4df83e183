package dev.modelaccess.example;

import static dev.modelaccess.example.HttpAnswers.ok;
import static dev.modelaccess.example.HttpAnswers.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The database actually stopped under a running app, then started again on the same port with the same data: the
 * dropdown of a user seen a moment before keeps answering from memory, what needs the database answers 503
 * problem+json within a few seconds, and after the return normal answers and the change feed come back within
 * seconds. Uses the example app's own pool settings (application.yml) and the library's defaults, except the
 * periodic rules reload, switched off so that only the change feed can bring a change.
 */
class DatabaseOutageTest {

    static final UUID ADMIN = UUID.fromString("e0000000-0000-4000-8000-0000000000ad");
    static final UUID PRO = UUID.fromString("e0000000-0000-4000-8000-000000000002");
    static final UUID NEVER_SEEN = UUID.fromString("e0000000-0000-4000-8000-0000000000ff");
    /** Long enough for an uncapped reconnect back-off (1, 2, 4, 8 s …) to reach 16 s. */
    static final Duration OUTAGE = Duration.ofSeconds(16);

    private StoppablePostgres postgres;
    private LocalOpenRouter openRouter;
    private RunningApp app;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {app, openRouter, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void theDatabaseStoppedAndStartedUnderARunningApp() throws Exception {
        postgres = StoppablePostgres.start();
        openRouter = ExampleOpenRouter.serving(ExampleOpenRouter.models("a/one", "b/two", "c/three"));
        app = RunningApp.start(
                postgres.jdbcUrl(),
                "postgres",
                null,
                openRouter.baseUrl(),
                "modelaccess.catalog.rules-reload-interval=0s");
        String admin = TestTokens.admin(ADMIN);
        ok(app.post("/api/admin/sync", admin, ""), 200);
        sql("insert into profiles (id, tier) values ('" + PRO + "', 'pro')");
        ok(app.patch("/api/admin/models/a/one", admin, "{\"status\":\"active\",\"is_pro\":true}"), 200);
        assertThat(dropdown()).containsExactly("a/one");

        postgres.stop();
        long outageStart = System.nanoTime();

        Timed<HttpResponse<String>> patch =
                timed(() -> app.patch("/api/admin/models/b/two", admin, "{\"status\":\"active\",\"is_pro\":true}"));
        problem(patch.value(), 503);
        assertThat(patch.took()).as("admin PATCH while the database is down").isLessThan(Duration.ofSeconds(5));

        Timed<HttpResponse<String>> stranger = timed(() -> app.get("/api/models", TestTokens.user(NEVER_SEEN)));
        problem(stranger.value(), 503);
        assertThat(stranger.took()).as("dropdown of a user never seen").isLessThan(Duration.ofSeconds(5));

        while (System.nanoTime() - outageStart < OUTAGE.toNanos()) {
            Timed<List<String>> fromMemory = timed(this::dropdown);
            assertThat(fromMemory.value()).as("dropdown from memory").containsExactly("a/one");
            assertThat(fromMemory.took()).as("dropdown from memory").isLessThan(Duration.ofSeconds(5));
            Thread.sleep(500);
        }

        postgres.startAgain();
        long returned = System.nanoTime();

        HttpResponse<String> patchAfter = null;
        while (System.nanoTime() - returned < Duration.ofSeconds(10).toNanos()) {
            patchAfter = app.patch("/api/admin/models/b/two", admin, "{\"status\":\"active\",\"is_pro\":true}");
            if (patchAfter.statusCode() != 503) {
                break;
            }
        }
        ok(patchAfter, 200);
        sql("update model_access set status = 'active', is_pro = true where model_id = 'c/three'");
        List<String> seen = List.of();
        while (System.nanoTime() - returned < Duration.ofSeconds(10).toNanos()) {
            seen = dropdown();
            if (seen.contains("c/three")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(seen)
                .as("a plain SQL change reaches the app through the change feed within 10 s of the return")
                .containsExactlyInAnyOrder("a/one", "b/two", "c/three");
        ok(app.get("/api/models", TestTokens.user(NEVER_SEEN)), 200);
    }

    private List<String> dropdown() {
        JsonNode body = ok(app.get("/api/models", TestTokens.user(PRO)), 200);
        return body.get("data")
                .valueStream()
                .map(model -> model.get("id").asString())
                .toList();
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", null);
                Statement jdbc = connection.createStatement()) {
            jdbc.execute(statement);
        }
    }

    record Timed<T>(T value, Duration took) {}

    private static <T> Timed<T> timed(ThrowingSupplier<T> work) throws Exception {
        long start = System.nanoTime();
        T value = work.get();
        return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
