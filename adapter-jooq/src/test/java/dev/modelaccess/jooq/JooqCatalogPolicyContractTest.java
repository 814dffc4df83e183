package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.policy.CatalogRules;
import dev.modelaccess.core.policy.ReviewHolds;
import dev.modelaccess.core.policy.RuleSet;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.testsupport.policy.CatalogRulesContract;
import dev.modelaccess.testsupport.policy.PolicySamples;
import dev.modelaccess.testsupport.policy.ReviewHoldContract;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The catalog policy's PostgreSQL stores hold to the contracts the in-memory ones hold to. */
@WithPostgres
class JooqCatalogPolicyContractTest {

    static TestSchema schema;

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(schema.dataSource());
    }

    static JooqModelAccess emptyDatabase() {
        try {
            schema.execute("truncate model_access, model_access_events, sync_runs, catalog_rules, model_review_holds");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return JooqModelAccess.of(schema.dataSource());
    }

    @Nested
    class Rules extends CatalogRulesContract {
        @Override
        protected CatalogRules createRules() {
            return emptyDatabase().catalogPolicy().rules();
        }

        @Test
        void aFailedReplaceKeepsTheRulesThatWereThere() throws SQLException {
            rules.replace(RuleSet.of(PolicySamples.issueRules()));
            schema.execute("alter table catalog_rules add constraint no_disable check (action <> 'disable') not valid");
            try {
                assertThatThrownBy(() -> rules.replace(
                                RuleSet.of(PolicySamples.issueRules().reversed())))
                        .isInstanceOf(StoreException.class);

                assertThat(rules.load().rules()).containsExactlyElementsOf(PolicySamples.issueRules());
            } finally {
                schema.execute("alter table catalog_rules drop constraint no_disable");
            }
        }
    }

    @Nested
    class Holds extends ReviewHoldContract {
        private JooqModelAccess database;

        @Override
        protected ModelAccessStore createStore() {
            database = emptyDatabase();
            return database.store();
        }

        @Override
        protected ReviewHolds holds() {
            return database.catalogPolicy().holds();
        }
    }
}
