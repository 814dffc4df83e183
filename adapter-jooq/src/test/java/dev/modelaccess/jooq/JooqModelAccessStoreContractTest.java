package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.testsupport.contract.ModelAccessStoreContract;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** The jOOQ store on real PostgreSQL holds to the same contract as every other store. */
@WithPostgres
class JooqModelAccessStoreContractTest extends ModelAccessStoreContract {

    static DataSource dataSource;

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(dataSource);
    }

    @Override
    protected ModelAccessStore createStore() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("truncate model_access, model_access_events, sync_runs");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return JooqModelAccessStore.of(dataSource);
    }

    /** {@code upstream} is {@code jsonb}, which rewrites white space and key order: compare as JSON values. */
    @Override
    protected void assertSameUpstreamJson(String actual, String expected) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select ?::jsonb = ?::jsonb")) {
            statement.setString(1, actual);
            statement.setString(2, expected);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                assertThat(result.getBoolean(1))
                        .as("%s is the same JSON as %s", actual, expected)
                        .isTrue();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
