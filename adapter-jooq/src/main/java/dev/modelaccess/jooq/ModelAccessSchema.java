package dev.modelaccess.jooq;

import dev.modelaccess.core.StoreException;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The library's database schema: applies the plain-SQL migrations of {@code model-access-database} ({@value
 * #MIGRATIONS}) with Flyway.
 *
 * <p>The applied versions are kept in a history table of the library's own, {@value #HISTORY_TABLE}, so the host
 * application's Flyway (and its {@code flyway_schema_history}) never sees them, and the two can share a schema. When
 * that schema already holds the host's tables, the library's history starts at a baseline of version 0, so every
 * library migration still runs.
 *
 * <p>One thing to know when the host uses Flyway in the same schema: Flyway refuses to migrate a schema that is not
 * empty but has no history table of its own (unless told to baseline). So on a brand-new database, run the host's
 * migrations <em>before</em> these, or give the host's Flyway {@code baselineOnMigrate}.
 *
 * <p>A run is all or nothing: every pending migration and its history row are applied in one transaction on one
 * connection (see {@link OneTransactionMigration}), so a failure - a broken migration, a dropped connection, a
 * transaction-mode pooler - leaves the schema exactly as it was, never a table without its history row.
 */
public final class ModelAccessSchema {

    /** The Flyway history table of the library's migrations. */
    public static final String HISTORY_TABLE = "model_access_schema_history";

    /** Where the migrations are on the class path. Rollback scripts are beside them, in {@code db/modelaccess/rollback}. */
    public static final String MIGRATIONS = "classpath:db/modelaccess/migration";

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    private ModelAccessSchema() {}

    /**
     * Applies the pending migrations to the schema the data source's connections land in (their {@code
     * current_schema()}, usually {@code public}).
     *
     * @return how many migrations were applied (0 when the schema was up to date)
     * @throws StoreException when a migration fails or the applied ones no longer match the library's files
     */
    public static int migrate(DataSource dataSource) {
        return migrate(configure(dataSource), dataSource);
    }

    /**
     * Applies the pending migrations to {@code schema}, creating it when it does not exist. The store must then
     * use connections whose {@code search_path} starts with that schema (e.g. {@code currentSchema=schema} in the
     * JDBC URL).
     *
     * @param schema a plain identifier (letters, digits, {@code _}); it is used as written, case included
     */
    public static int migrate(DataSource dataSource, String schema) {
        Objects.requireNonNull(schema, "schema");
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("Not a plain schema name: '" + schema + "'");
        }
        return migrate(
                configure(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true), dataSource);
    }

    /** Applies the migrations of {@code location} instead of the library's (for tests of the migration itself). */
    static int migrateFrom(String location, DataSource dataSource) {
        return migrate(configure(dataSource).locations(location), dataSource);
    }

    private static FluentConfiguration configure(DataSource dataSource) {
        return Flyway.configure(ModelAccessSchema.class.getClassLoader())
                .dataSource(Objects.requireNonNull(dataSource, "dataSource"))
                .table(HISTORY_TABLE)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("model-access baseline")
                .placeholderReplacement(false)
                .validateMigrationNaming(true);
    }

    private static int migrate(FluentConfiguration configuration, DataSource dataSource) {
        try {
            return OneTransactionMigration.migrate(configuration, dataSource);
        } catch (FlywayException e) {
            throw StoreErrors.translate("Could not apply the model-access migrations", e);
        }
    }
}
