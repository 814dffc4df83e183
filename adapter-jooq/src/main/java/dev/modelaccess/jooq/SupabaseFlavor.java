package dev.modelaccess.jooq;

import dev.modelaccess.core.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The optional Supabase flavor of the schema ({@value #MIGRATIONS}): row level security on {@code
 * user_openrouter_integrations} ({@code (select auth.uid()) = user_id}; a signed-in user may read and delete their own
 * row and update only its {@code is_enabled}, while the key, its hint, key id and verification status are written by
 * the backend only; {@code FORCE ROW LEVEL SECURITY}; nothing for {@code anon}; {@code service_role} full access; a
 * foreign key to {@code auth.users} with {@code ON DELETE CASCADE}) and the library's own tables kept out of the Data
 * API.
 *
 * <p>Apply it after {@link ModelAccessSchema#migrate(DataSource)}, only on a database that has what Supabase
 * provides (the schema {@code auth} with {@code auth.users} and {@code auth.uid()}, the roles {@code anon}, {@code
 * authenticated} and {@code service_role}); it is checked first and refused with a clear message otherwise. Its
 * versions are kept in a Flyway history table of their own ({@value #HISTORY_TABLE}), so switching it on later
 * never upsets the plain migrations' history. Rollback scripts are in {@code db/modelaccess/supabase-rollback}.
 *
 * <p>Afterwards the backend must connect as a role with {@code BYPASSRLS} ({@code postgres} or {@code
 * service_role} on Supabase): the table owner alone no longer sees the rows.
 */
public final class SupabaseFlavor {

    /** The Flyway history table of the Supabase flavor. */
    public static final String HISTORY_TABLE = "model_access_supabase_schema_history";

    /** Where the flavor's migrations are on the class path. */
    public static final String MIGRATIONS = "classpath:db/modelaccess/supabase";

    private static final String PRECONDITIONS = """
            select 'auth.users' as missing where to_regclass('auth.users') is null
            union all select 'function auth.uid()' where to_regprocedure('auth.uid()') is null
            union all select 'role ' || r from unnest(array['anon', 'authenticated', 'service_role']) as r
                where not exists (select from pg_roles where rolname = r)
            union all select 'table user_openrouter_integrations (apply ModelAccessSchema.migrate first)'
                where to_regclass('user_openrouter_integrations') is null
            """;

    private SupabaseFlavor() {}

    /**
     * Applies the flavor's pending migrations to the schema the data source's connections land in.
     *
     * @return how many were applied (0 when up to date)
     * @throws StoreException when Supabase's objects or the library's tables are missing, or a migration fails
     */
    public static int migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        List<String> missing = missing(dataSource);
        if (!missing.isEmpty()) {
            throw StoreException.of("The Supabase flavor needs what Supabase provides and the library's tables;"
                    + " missing: " + String.join(", ", missing));
        }
        int applied;
        try {
            applied = OneTransactionMigration.migrate(
                    Flyway.configure(SupabaseFlavor.class.getClassLoader())
                            .table(HISTORY_TABLE)
                            .locations(MIGRATIONS)
                            .failOnMissingLocations(true)
                            .baselineOnMigrate(true)
                            .baselineVersion("0")
                            .baselineDescription("model-access Supabase flavor baseline")
                            .placeholderReplacement(false)
                            .validateMigrationNaming(true),
                    dataSource);
        } catch (FlywayException e) {
            throw StoreErrors.translate("Could not apply the model-access Supabase flavor", e);
        }
        keepOutOfTheDataApi(dataSource);
        return applied;
    }

    /**
     * Does to the flavor's own history table what migration V10.2 does to the library's other tables; a migration
     * cannot, as Flyway holds that table while migrating. Idempotent.
     */
    private static void keepOutOfTheDataApi(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("alter table " + HISTORY_TABLE + " enable row level security");
            statement.execute("revoke all on table " + HISTORY_TABLE + " from public, anon, authenticated");
            statement.execute("grant all on table " + HISTORY_TABLE + " to service_role");
        } catch (SQLException e) {
            throw StoreErrors.translate("Could not keep " + HISTORY_TABLE + " out of the Data API", e);
        }
    }

    private static List<String> missing(DataSource dataSource) {
        List<String> missing = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(PRECONDITIONS);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                missing.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw StoreErrors.translate("Could not check the database for the Supabase flavor", e);
        }
        return missing;
    }
}
