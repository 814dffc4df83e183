package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.modelaccess.core.StoreException;
import dev.modelaccess.testsupport.postgres.PgBouncer;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run of the library's migrations is all or nothing, whatever happens to its connection: killed midway (directly
 * or through a transaction-mode pooler) it leaves nothing behind, and the next run applies everything.
 *
 * <p>Why this needed doing: Flyway on its own applies each migration on one connection and records it on another
 * (its default, transactional lock on PostgreSQL), so the migration and its history row commit separately. Through a
 * transaction-mode pooler with pgjdbc's default server-side prepared statements, statements on either connection -
 * COMMIT included - fail at random ("prepared statement S_1 already exists", "S_4 does not exist", seen in every one
 * of 8 runs through PgBouncer 1.18 with a pool of 2), so one side can commit while the other does not.
 */
@WithPostgres
class AllOrNothingMigrationTest {

    static final String SLOW = "classpath:db/slowmigration";

    @BeforeAll
    static void pauseTable(TestSchema schema) throws SQLException {
        schema.execute("create table if not exists public.migration_test_pause (seconds float)");
    }

    @Test
    void theLibrarysRunKilledMidwayLeavesNothingAndTheNextRunAppliesEverything(TestSchema schema) throws Exception {
        TestSchema fresh = schema.createSchema();
        pause(fresh, 60);

        CompletableFuture<Integer> run =
                CompletableFuture.supplyAsync(() -> ModelAccessSchema.migrateFrom(SLOW, fresh.dataSource()));
        killTheSleepingMigration(fresh);

        assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class);
        assertThat(fresh.tables()).isEmpty();
        pause(fresh, 0);
        assertThat(ModelAccessSchema.migrateFrom(SLOW, fresh.dataSource())).isEqualTo(2);
        assertThat(fresh.tables()).contains("first_table", "second_table", ModelAccessSchema.HISTORY_TABLE);
        assertThat(historyVersions(fresh)).contains("1", "2");
    }

    @Test
    void throughATransactionPoolerTheLibrarysRunKilledMidwayLeavesNothing(TestSchema schema) throws Exception {
        TestSchema fresh = schema.createSchema();
        pause(fresh, 60);
        try (PgBouncer pooler = PgBouncer.inFrontOf(fresh)) {
            CompletableFuture<Integer> run =
                    CompletableFuture.supplyAsync(() -> ModelAccessSchema.migrateFrom(SLOW, pooler.dataSource()));
            killTheSleepingMigration(fresh);

            assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class);
            assertThat(fresh.tables()).isEmpty();
            pause(fresh, 0);
            assertThat(ModelAccessSchema.migrateFrom(SLOW, pooler.dataSource())).isEqualTo(2);
        }
        assertThat(historyVersions(fresh)).contains("1", "2");
    }

    /** pgjdbc's default (server-side prepared statements after 5 uses) through a transaction pooler, twice over. */
    @Test
    void throughATransactionPoolerWithoutPrepareThresholdTheLibrarysMigrationsApplyCompletely(TestSchema schema)
            throws Exception {
        TestSchema fresh = schema.createSchema();
        try (PgBouncer pooler = PgBouncer.inFrontOf(fresh, 2);
                HikariDataSource newUsersPool = pool(pooler)) {
            assertThat(ModelAccessSchema.migrate(newUsersPool)).isPositive();
            assertThat(ModelAccessSchema.migrate(newUsersPool)).isZero();
        }
        assertThat(fresh.tables()).contains("model_access", "model_access_job_leases");
    }

    private static HikariDataSource pool(PgBouncer pooler) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(pooler.urlWithoutPrepareThreshold());
        pool.setUsername(pooler.user());
        pool.setPassword(pooler.password());
        pool.setMaximumPoolSize(4);
        return pool;
    }

    private static void pause(TestSchema schema, int seconds) throws SQLException {
        schema.execute("delete from public.migration_test_pause; insert into public.migration_test_pause values ("
                + seconds + ")");
    }

    /** Waits until a migration sleeps in this schema's V2, then terminates its backend from another connection. */
    private static void killTheSleepingMigration(TestSchema schema) throws Exception {
        awaitTheSleepingMigration(schema);
        assertThat(schema.strings("select pg_terminate_backend(pid) from pg_stat_activity where " + SLEEPING))
                .containsExactly("t");
    }

    private static final String SLEEPING = "state = 'active' and pid <> pg_backend_pid()"
            + " and query like '%pg_sleep(coalesce((select max(seconds)%'";

    private static void awaitTheSleepingMigration(TestSchema schema) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!schema.strings("select pid from pg_stat_activity where " + SLEEPING)
                    .isEmpty()) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("No migration ever reached the pause");
    }

    private static List<String> historyVersions(TestSchema schema) throws SQLException {
        if (!schema.tables().contains(ModelAccessSchema.HISTORY_TABLE)) {
            return List.of();
        }
        return schema.strings("select version from " + ModelAccessSchema.HISTORY_TABLE + " where success");
    }
}
