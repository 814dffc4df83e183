package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.TestModels.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.access.TierPolicy;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.port.CatalogChangeFeed;
import dev.modelaccess.core.port.ModelReferences;
import dev.modelaccess.core.port.SuccessionStore;
import dev.modelaccess.core.succession.Succession;
import dev.modelaccess.core.succession.SuccessionCache;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Successors and tier defaults on PostgreSQL without Spring: a carry-over is one transaction on a plain data source
 * too (the users' defaults write through it), and the change feed tells every instance's cache of a change.
 */
@WithPostgres
class JooqSuccessionStoreTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T03:00:00Z"), ZoneOffset.UTC);
    static TestSchema schema;

    final JooqModelAccess postgres = JooqModelAccess.of(schema.dataSource());
    final SuccessionStore store = postgres.successionStore();
    final ModelReferences users = postgres.defaultModels(JooqModelAccess.ProfileTable.DEFAULT);

    @BeforeAll
    static void catalog() throws SQLException {
        ModelAccessSchema.migrate(schema.dataSource());
        Syncs.sync(
                JooqModelAccess.of(schema.dataSource()).store(),
                UpstreamSnapshot.of(
                        List.of(model("acme/old").build(), model("acme/new").build())),
                Instant.parse("2026-03-01T03:00:00Z"));
        schema.execute("create table profiles (id uuid primary key, tier text, default_model text)");
    }

    @BeforeEach
    void oldRetiredUsersOnIt() throws SQLException {
        schema.execute("""
                delete from model_successors; delete from tier_defaults; delete from profiles;
                update model_access set status = 'active', is_pro = true;
                update model_access set status = 'disabled' where model_id = 'acme/old';
                insert into profiles values (gen_random_uuid(), 'pro', 'acme/old'), (gen_random_uuid(), 'pro', 'acme/old');
                """);
    }

    @Test
    void aCarryOverMovesTheUsersDefaultsThroughItsOwnTransaction() throws SQLException {
        Succession succession = new Succession(store, List.of(users), TierPolicy.flags(), CLOCK);

        var moved = succession.nameSuccessor("acme/old", "acme/new", "admin");

        assertThat(moved).hasValueSatisfying(carry -> assertThat(carry.moved()).containsEntry("users", 2L));
        assertThat(schema.strings("select default_model from profiles")).containsOnly("acme/new");
        assertThat(store.loadSuccession().successor("acme/old").orElseThrow().carriedOverAt())
                .isEqualTo(CLOCK.instant());
    }

    @Test
    void aReferenceFailingAfterTheUsersMovedRollsTheUsersBackOnAPlainDataSource() throws SQLException {
        ModelReferences failing = new ModelReferences() {
            @Override
            public String name() {
                return "resources";
            }

            @Override
            public long repoint(String fromModelId, String toModelId) {
                throw StoreErrors.translate("disk full (test)", new SQLException("disk full", "53100"));
            }
        };
        Succession succession = new Succession(store, List.of(users, failing), TierPolicy.flags(), CLOCK);

        assertThatThrownBy(() -> succession.nameSuccessor("acme/old", "acme/new", "admin"))
                .isInstanceOf(StoreException.class);

        assertThat(schema.strings("select default_model from profiles")).containsOnly("acme/old");
        assertThat(store.loadSuccession().successors()).isEmpty();
        assertThat(schema.strings("select count(*) from model_access_events where kind in"
                        + " ('successor_changed', 'carried_over')"))
                .containsExactly("0");
    }

    @Test
    void aTierDefaultSetOnOneInstanceReachesAnotherInstancesCacheThroughTheChangeFeed() throws Exception {
        SuccessionCache elsewhere = new SuccessionCache(store, CLOCK);
        assertThat(elsewhere.current().tierDefault(Tier.PRO)).isEmpty();
        java.util.concurrent.Semaphore reloaded = new java.util.concurrent.Semaphore(0);
        CatalogChangeFeed feed = PostgresCatalogChangeFeed.fromJdbcUrl(
                        schema.jdbcUrl(), schema.user(), schema.password())
                .withReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .withPollInterval(Duration.ofMillis(50));
        try (CatalogChangeFeed.Subscription subscription = feed.subscribe(() -> {
            elsewhere.reloadQuietly();
            reloaded.release();
        })) {
            assertThat(reloaded.tryAcquire(20, TimeUnit.SECONDS))
                    .as("the signal after connecting")
                    .isTrue();

            new Succession(store, List.of(), TierPolicy.flags(), CLOCK).setTierDefault(Tier.PRO, "acme/new", "admin");

            assertThat(reloaded.tryAcquire(20, TimeUnit.SECONDS))
                    .as("the signal for the change")
                    .isTrue();
            assertThat(elsewhere.current().tierDefault(Tier.PRO))
                    .hasValueSatisfying(set -> assertThat(set.modelId()).isEqualTo("acme/new"));
        }
    }
}
