package dev.modelaccess.jooq;

import dev.modelaccess.testsupport.postgres.PgBouncer;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The job lock through a real PgBouncer in transaction mode (pool of 4), as behind Supabase's port 6543. */
@WithPostgres
class PostgresJobLockThroughPgBouncerTest extends JobLockOnPostgresTests {

    static PgBouncer pooler;

    @BeforeAll
    static void migrateAndStartThePooler(TestSchema schema) {
        ModelAccessSchema.migrate(schema.dataSource());
        pooler = PgBouncer.inFrontOf(schema);
    }

    @AfterAll
    static void stopThePooler() {
        if (pooler != null) {
            pooler.close();
        }
    }

    @Override
    DataSource pool() {
        return pooler.dataSource();
    }
}
