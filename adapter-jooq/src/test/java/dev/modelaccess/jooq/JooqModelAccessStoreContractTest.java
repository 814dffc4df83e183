package dev.modelaccess.jooq;

import dev.modelaccess.testsupport.postgres.WithPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** The jOOQ store on real PostgreSQL holds to every part of the contract every other store holds to. */
@WithPostgres
class JooqModelAccessStoreContractTest extends JooqStoreContracts {

    static DataSource dataSource;

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(dataSource);
    }

    @Override
    DataSource storeDataSource() {
        return dataSource;
    }
}
