package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.keys.UserKeyStore;
import dev.modelaccess.testsupport.keys.UserKeyStoreContract;
import dev.modelaccess.testsupport.postgres.SupabaseStub;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store on a Supabase-flavored schema, connected as Supabase's {@code service_role} (BYPASSRLS), as a backend
 * is: the whole contract holds. Connected as a role without BYPASSRLS, it sees nothing.
 */
@WithPostgres
class JooqUserKeyStoreOnSupabaseTest extends UserKeyStoreContract {

    static TestSchema schema;
    static HikariDataSource asServiceRole;
    static HikariDataSource asAuthenticated;
    static UserKeyStore store;

    @BeforeAll
    static void supabaseWithTheFlavor() throws SQLException {
        SupabaseStub.install(schema);
        ModelAccessSchema.migrate(schema.dataSource());
        SupabaseFlavor.migrate(schema.dataSource());
        SupabaseStub.addUsers(schema, LOW, MIDDLE, HIGH, HIGHEST);
        asServiceRole = pool("service_role");
        asAuthenticated = pool("authenticated");
        store = JooqModelAccess.of(asServiceRole).userKeys();
    }

    @AfterAll
    static void cleanUp() throws SQLException {
        asServiceRole.close();
        asAuthenticated.close();
        SupabaseStub.removeUsers(schema, LOW, MIDDLE, HIGH, HIGHEST);
    }

    static HikariDataSource pool(String role) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(schema.jdbcUrl());
        config.setUsername(schema.user());
        config.setPassword(schema.password());
        config.setMaximumPoolSize(2);
        config.setConnectionInitSql("set role " + role);
        config.setPoolName("as-" + role);
        return new HikariDataSource(config);
    }

    @Override
    protected UserKeyStore store() {
        return store;
    }

    @Test
    void aBackendConnectedWithoutBypassrlsAndWithoutClaimsSeesAndWritesNothing() {
        store.upsert(key(LOW, "v1:1:cipher-aaa", "1"));
        UserKeyStore withoutBypass = JooqModelAccess.of(asAuthenticated).userKeys();

        assertThat(withoutBypass.find(LOW)).isEmpty();
        assertThat(withoutBypass.page(null, 10)).isEmpty();
        assertThat(withoutBypass.delete(LOW)).isFalse();
        assertThatThrownBy(() -> withoutBypass.upsert(key(HIGH, "v1:1:cipher-bbb", "1")))
                .isInstanceOfSatisfying(
                        StoreException.class, e -> assertThat(e.sqlState()).isEqualTo("42501"));
        assertThat(store.find(LOW)).isPresent();
    }

    @Test
    void aKeyForSomeoneWhoIsNotASupabaseUserIsRefused() {
        assertThatThrownBy(() -> store.upsert(key(java.util.UUID.randomUUID(), "v1:1:cipher-aaa", "1")))
                .isInstanceOfSatisfying(
                        StoreException.class, e -> assertThat(e.sqlState()).isEqualTo("23503"));
    }
}
