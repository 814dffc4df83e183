package dev.modelaccess.jooq;

import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** The job lock on a direct connection. */
@WithPostgres
class PostgresJobLockTest extends JobLockOnPostgresTests {

    @BeforeAll
    static void migrate(TestSchema schema) {
        ModelAccessSchema.migrate(schema.dataSource());
    }

    @Override
    DataSource pool() {
        return schema.dataSource();
    }
}
