package dev.modelaccess.jooq;

import dev.modelaccess.testsupport.postgres.PgBouncer;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The jOOQ store through a real PgBouncer in transaction mode (pool of 4, {@code prepareThreshold=0}), as behind
 * Supabase's port 6543, holds to every part of the contract, like the store on a direct connection.
 */
@WithPostgres
class JooqModelAccessStoreThroughPgBouncerContractTest extends JooqStoreContracts {

    static DataSource dataSource;
    static PgBouncer pooler;

    @BeforeAll
    static void migrateAndStartThePooler(TestSchema schema) {
        ModelAccessSchema.migrate(schema.dataSource());
        pooler = PgBouncer.inFrontOf(schema);
        dataSource = pooler.dataSource();
    }

    @AfterAll
    static void stopThePooler() {
        if (pooler != null) {
            pooler.close();
        }
    }

    @Override
    DataSource storeDataSource() {
        return dataSource;
    }
}
