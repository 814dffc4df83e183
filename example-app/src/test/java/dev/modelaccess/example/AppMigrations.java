package dev.modelaccess.example;

import dev.modelaccess.testsupport.postgres.TestSchema;
import org.flywaydb.core.Flyway;

/** The example application's own Flyway migrations, for tests that apply them outside a running application. */
public final class AppMigrations {

    private AppMigrations() {}

    /** The same settings as {@code spring.flyway.*} in application.yml (the library's migrations are not included). */
    public static Flyway flyway(TestSchema target) {
        return Flyway.configure()
                .dataSource(target.dataSource())
                .locations("classpath:db/example-app")
                .table("example_app_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }
}
