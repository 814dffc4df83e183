package dev.modelaccess.example.supabase;

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

/**
 * The example app's Supabase flavor ({@value #MIGRATIONS}): row level security on {@code profiles} (a user reads
 * their own, may create it with the default tier and change its {@code default_model}, never its {@code tier}) and
 * {@code resources} (own rows only); nothing for {@code anon}; everything for {@code service_role}. It mirrors the
 * library's {@code SupabaseFlavor}: checked first, refused with a clear message when Supabase's objects or the tables
 * are missing, and kept in a Flyway history table of its own ({@value #HISTORY_TABLE}). Rollback scripts are in
 * {@code db/example-app-supabase-rollback}.
 */
public final class ExampleSupabaseFlavor {

    /** The Flyway history table of the example app's Supabase flavor. */
    public static final String HISTORY_TABLE = "example_app_supabase_schema_history";

    /** Where the flavor's migrations are on the class path. */
    public static final String MIGRATIONS = "classpath:db/example-app-supabase";

    private static final String PRECONDITIONS = """
            select 'auth.users' as missing where to_regclass('auth.users') is null
            union all select 'function auth.uid()' where to_regprocedure('auth.uid()') is null
            union all select 'role ' || r from unnest(array['anon', 'authenticated', 'service_role']) as r
                where not exists (select from pg_roles where rolname = r)
            union all select 'table ' || t || ' (apply the example app''s migrations first)'
                from unnest(array['profiles', 'resources']) as t where to_regclass(t) is null
            """;

    private ExampleSupabaseFlavor() {}

    /**
     * Applies the flavor's pending migrations to the schema the data source's connections land in.
     *
     * @return how many were applied (0 when up to date)
     * @throws IllegalStateException when Supabase's objects or the example app's tables are missing
     */
    public static int migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        List<String> missing = missing(dataSource);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The example app's Supabase flavor (app.supabase.enabled) needs what"
                    + " Supabase provides and the example app's tables; missing: " + String.join(", ", missing));
        }
        int applied = Flyway.configure(ExampleSupabaseFlavor.class.getClassLoader())
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("example app Supabase flavor baseline")
                .placeholderReplacement(false)
                .validateMigrationNaming(true)
                .load()
                .migrate()
                .migrationsExecuted;
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("alter table " + HISTORY_TABLE + " enable row level security");
            statement.execute("revoke all on table " + HISTORY_TABLE + " from public, anon, authenticated");
            statement.execute("grant all on table " + HISTORY_TABLE + " to service_role");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not keep " + HISTORY_TABLE + " out of the Data API", e);
        }
        return applied;
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
            throw new IllegalStateException("Could not check the database for the Supabase flavor", e);
        }
        return missing;
    }
}
