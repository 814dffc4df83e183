package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.TestModels.T0;
import static dev.modelaccess.jooq.TestModels.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter's one entry: every port on a data source, or on the host's {@code DSLContext}. */
@WithPostgres
class JooqModelAccessTest {

    static DataSource dataSource;

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(dataSource);
    }

    /** The set-based writes bind PostgreSQL arrays: a host's context of another dialect is taken as PostgreSQL. */
    @Test
    void aHostDslContextOfAnotherDialectIsTakenAsPostgres() {
        DSLContext host = DSL.using(dataSource, SQLDialect.DEFAULT);
        ModelAccessStore store = JooqModelAccess.of(dataSource, host).store();

        Syncs.sync(store, UpstreamSnapshot.of(List.of(model("openai/gpt-4o").build())), T0);

        assertThat(store.loadCatalog()).extracting(CatalogModel::modelId).containsExactly("openai/gpt-4o");
    }

    @Test
    void theDataSourceAndTheContextAreRequired() {
        assertThatThrownBy(() -> JooqModelAccess.of(null)).hasMessageContaining("dataSource");
        assertThatThrownBy(() -> JooqModelAccess.of(null, DSL.using(SQLDialect.POSTGRES)))
                .hasMessageContaining("dataSource");
        assertThatThrownBy(() -> JooqModelAccess.of(dataSource, null)).hasMessageContaining("dsl");
    }
}
