package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.testsupport.contract.AdminUpdateContract;
import dev.modelaccess.testsupport.contract.CatalogRoundTripContract;
import dev.modelaccess.testsupport.contract.CatalogSearchContract;
import dev.modelaccess.testsupport.contract.RunsAndEventsContract;
import dev.modelaccess.testsupport.contract.StoreTransactionContract;
import dev.modelaccess.testsupport.contract.SyncApplyContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;

/**
 * Every part of the store contract, run against the jOOQ store on whatever connection {@link #storeDataSource()}
 * gives: each subclass says how the store reaches PostgreSQL, the contract is written once.
 */
abstract class JooqStoreContracts {

    /** Where the store under test connects: straight to PostgreSQL, or through a pooler. */
    abstract DataSource storeDataSource();

    ModelAccessStore emptyStore() {
        DataSource dataSource = storeDataSource();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("truncate model_access, model_access_events, sync_runs");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return JooqModelAccess.of(dataSource).store();
    }

    /** {@code upstream} is {@code jsonb}, which rewrites white space and key order: compare as JSON values. */
    void assertSameJson(String actual, String expected) {
        try (Connection connection = storeDataSource().getConnection();
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

    @Nested
    class CatalogRoundTrip extends CatalogRoundTripContract {
        @Override
        protected ModelAccessStore createStore() {
            return emptyStore();
        }

        @Override
        protected void assertSameUpstreamJson(String actual, String expected) {
            assertSameJson(actual, expected);
        }
    }

    @Nested
    class CatalogSearch extends CatalogSearchContract {
        @Override
        protected ModelAccessStore createStore() {
            return emptyStore();
        }
    }

    @Nested
    class SyncApply extends SyncApplyContract {
        @Override
        protected ModelAccessStore createStore() {
            return emptyStore();
        }

        @Override
        protected void assertSameUpstreamJson(String actual, String expected) {
            assertSameJson(actual, expected);
        }
    }

    @Nested
    class AdminUpdate extends AdminUpdateContract {
        @Override
        protected ModelAccessStore createStore() {
            return emptyStore();
        }

        @Override
        protected void assertSameUpstreamJson(String actual, String expected) {
            assertSameJson(actual, expected);
        }
    }

    @Nested
    class StoreTransaction extends StoreTransactionContract {
        @Override
        protected ModelAccessStore createStore() {
            return emptyStore();
        }
    }

    @Nested
    class RunsAndEvents extends RunsAndEventsContract {
        @Override
        protected ModelAccessStore createStore() {
            return emptyStore();
        }
    }
}
