package dev.modelaccess.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.jooq.JooqModelAccess;
import dev.modelaccess.jooq.ModelAccessSchema;
import dev.modelaccess.openrouter.OpenRouterClient;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole catalog sync of a real OpenRouter response: HTTP on loopback, parse, plan, and the apply on a real
 * (embedded) PostgreSQL in one transaction.
 *
 * <ul>
 *   <li>{@code intoEmptyCatalog}: every model inserted (the first run of a new installation).
 *   <li>{@code unchangedResync}: the same response again, the daily case: must write no row.
 * </ul>
 *
 * <p>The response is {@code models-2026-08-14-all-modalities.json} (549 models) from {@code shared/data/openrouter}
 * beside the checkout, found through {@code $MODELACCESS_SHARED_DATA} or above the working directory; pass {@code -p
 * catalogFile=/path/to/models.json} for another one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FullSyncBenchmark {

    @State(Scope.Benchmark)
    public static class Environment {

        @Param("")
        public String catalogFile;

        EmbeddedPostgres postgres;
        HikariDataSource dataSource;
        LocalOpenRouter openRouter;
        OpenRouterClient client;
        CatalogSync sync;

        @Setup(Level.Trial)
        public void start() throws IOException {
            byte[] body = Files.readAllBytes(locate(catalogFile));
            openRouter =
                    LocalOpenRouter.start().on("/api/v1/models", LocalOpenRouter.raw(200, "application/json", body));
            postgres = EmbeddedPostgres.builder().start();
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.setMaximumPoolSize(4);
            dataSource = new HikariDataSource(config);
            ModelAccessSchema.migrate(dataSource);
            client = OpenRouterClient.builder().baseUrl(openRouter.baseUrl()).build();
            sync = new CatalogSync(
                    client, JooqModelAccess.of(dataSource).store(), SyncGuards.DEFAULTS, Clock.systemUTC());
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            client.close();
            openRouter.close();
            dataSource.close();
            postgres.close();
        }

        void truncate() {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("truncate model_access, model_access_events, sync_runs");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** An empty catalog before every invocation. */
    @State(Scope.Benchmark)
    public static class EmptyCatalog {
        @Setup(Level.Invocation)
        public void empty(Environment environment) {
            environment.truncate();
        }
    }

    /** The catalog already holds the response: the sync finds nothing to do. */
    @State(Scope.Benchmark)
    public static class SyncedCatalog {
        @Setup(Level.Trial)
        public void fill(Environment environment) {
            environment.truncate();
            expectWrites(environment.sync.run(SyncTrigger.MANUAL, false), -1);
        }
    }

    @Benchmark
    public SyncOutcome intoEmptyCatalog(Environment environment, EmptyCatalog empty) {
        return expectWrites(environment.sync.run(SyncTrigger.MANUAL, false), -1);
    }

    @Benchmark
    public SyncOutcome unchangedResync(Environment environment, SyncedCatalog synced) {
        return expectWrites(environment.sync.run(SyncTrigger.MANUAL, false), 0);
    }

    /** Fails the benchmark when a run did not succeed, or wrote rows it should not have ({@code -1}: any). */
    static SyncOutcome expectWrites(SyncOutcome outcome, int writes) {
        if (!(outcome instanceof SyncOutcome.Succeeded succeeded)) {
            throw new IllegalStateException("The sync did not succeed: " + outcome);
        }
        if (writes >= 0 && succeeded.run().counts().writes() != writes) {
            throw new IllegalStateException(
                    "Expected " + writes + " writes, got " + succeeded.run().counts());
        }
        return outcome;
    }

    static Path locate(String configured) {
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        String name = "models-2026-08-14-all-modalities.json";
        String shared = System.getenv("MODELACCESS_SHARED_DATA");
        if (shared != null && Files.isRegularFile(Path.of(shared, name))) {
            return Path.of(shared, name);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/openrouter").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No " + name + " found: pass -p catalogFile=/path/to/models.json");
    }
}
