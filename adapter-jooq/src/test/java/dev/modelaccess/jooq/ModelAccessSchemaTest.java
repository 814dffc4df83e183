package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.StoreException;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

@WithPostgres
class ModelAccessSchemaTest {

    TestSchema schema;

    @Test
    void migratingAnEmptySchemaCreatesTheTablesAndKeepsTheLibrarysOwnHistory() throws SQLException {
        TestSchema target = schema.createSchema();

        int applied = ModelAccessSchema.migrate(target.dataSource());

        assertThat(applied).isEqualTo(migrationFiles().size());
        assertThat(tables(target))
                .contains("model_access", "sync_runs", "model_access_events", "model_access_schema_history");
        assertThat(tables(target)).doesNotContain("flyway_schema_history");
        assertThat(target.strings(
                        "select version from model_access_schema_history where success order by installed_rank"))
                .containsExactly("1", "2", "3", "10", "11", "12", "13", "14", "15", "16");
    }

    @Test
    void migratingAnUpToDateSchemaAppliesNothing() {
        TestSchema target = schema.createSchema();
        ModelAccessSchema.migrate(target.dataSource());

        assertThat(ModelAccessSchema.migrate(target.dataSource())).isZero();
    }

    @Test
    void rollingEveryMigrationBackInReverseOrderLeavesNothingOfOurs() throws Exception {
        TestSchema target = schema.createSchema();
        ModelAccessSchema.migrate(target.dataSource());
        assertThat(objectsIn(target)).isNotEmpty();

        rollBackEverything(target);
        assertThat(target.strings("select version from model_access_schema_history"))
                .as("each rollback script removes its own version from the history")
                .isEmpty();
        target.execute("drop table model_access_schema_history");

        assertThat(objectsIn(target)).isEmpty();
    }

    @Test
    void aRolledBackSchemaCanBeMigratedAgain() throws Exception {
        TestSchema target = schema.createSchema();
        ModelAccessSchema.migrate(target.dataSource());
        rollBackEverything(target);

        assertThat(ModelAccessSchema.migrate(target.dataSource()))
                .isEqualTo(migrationFiles().size());
        assertThat(tables(target)).contains("model_access", "sync_runs", "model_access_events");
    }

    @Test
    void everyMigrationHasARollbackScript() {
        for (String migration : migrationFiles()) {
            assertThat(getClass().getClassLoader().getResource(rollbackResource(migration)))
                    .as("rollback script for %s", migration)
                    .isNotNull();
        }
    }

    @Test
    void theHostsOwnFlywayHistoryInTheSameSchemaIsLeftUntouched() throws SQLException {
        TestSchema target = schema.createSchema();
        Flyway host = hostFlyway(target.dataSource(), "1");
        host.migrate();
        List<String> hostHistory = hostHistory(target);

        assertThat(ModelAccessSchema.migrate(target.dataSource()))
                .isEqualTo(migrationFiles().size());

        assertThat(hostHistory(target)).isEqualTo(hostHistory);
        assertThat(target.strings(
                        "select version from model_access_schema_history where type = 'SQL' order by installed_rank"))
                .containsExactly("1", "2", "3", "10", "11", "12", "13", "14", "15", "16");
        assertThat(hostFlyway(target.dataSource(), "2").migrate().migrationsExecuted)
                .as("the host's next migration still applies")
                .isEqualTo(1);
        assertThat(tables(target)).contains("host_users", "host_orders", "model_access");
    }

    @Test
    void migratingIntoANamedSchemaCreatesThatSchema() throws SQLException {
        TestSchema connections = schema.createSchema();
        TestSchema target = schema.createSchema();
        connections.execute("drop schema " + target.name());

        assertThat(ModelAccessSchema.migrate(connections.dataSource(), target.name()))
                .isEqualTo(migrationFiles().size());

        assertThat(tables(target)).contains("model_access", "model_access_schema_history");
        assertThat(tables(connections)).isEmpty();
    }

    @Test
    void aSchemaNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatThrownBy(() -> ModelAccessSchema.migrate(schema.dataSource(), "x; drop schema public"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a plain schema name");
    }

    @Test
    void aMigrationThatFailsIsAStoreException() throws SQLException {
        TestSchema target = schema.createSchema();
        target.execute("create table model_access (something_else int)");

        assertThatThrownBy(() -> ModelAccessSchema.migrate(target.dataSource()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("Could not apply the model-access migrations")
                .satisfies(e -> assertThat(((StoreException) e).sqlState()).isEqualTo("42P07"));
    }

    @Test
    void theMigrationFilesRunAsPlainSqlAsIfPastedIntoAnEditor() throws Exception {
        TestSchema target = schema.createSchema();
        for (String migration : migrationFiles()) {
            String sql = TestSchema.script("db/modelaccess/migration/" + migration);
            assertThat(sql).as(migration).doesNotContainIgnoringCase("public.").doesNotContain("${");
            target.execute(sql);
        }
        assertThat(tables(target))
                .containsExactlyInAnyOrder(
                        "model_access",
                        "sync_runs",
                        "model_access_events",
                        "user_openrouter_integrations",
                        "model_access_job_leases",
                        "model_access_catalog_version",
                        "model_successors",
                        "tier_defaults",
                        "catalog_rules",
                        "model_review_holds",
                        "model_access_outbox",
                        "model_access_outbox_attempts");
    }

    /** The library's migrations, in order, as Flyway sees them. */
    private List<String> migrationFiles() {
        TestSchema probe = schema;
        List<String> scripts = new ArrayList<>();
        for (MigrationInfo info : Flyway.configure()
                .dataSource(probe.dataSource())
                .table(ModelAccessSchema.HISTORY_TABLE)
                .locations(ModelAccessSchema.MIGRATIONS)
                .load()
                .info()
                .all()) {
            scripts.add(info.getScript());
        }
        return scripts;
    }

    private void rollBackEverything(TestSchema target) throws IOException, SQLException {
        List<String> migrations = new ArrayList<>(migrationFiles());
        java.util.Collections.reverse(migrations);
        for (String migration : migrations) {
            target.execute(TestSchema.script(rollbackResource(migration)));
        }
    }

    private static String rollbackResource(String migration) {
        return "db/modelaccess/rollback/U" + migration.substring(1);
    }

    private static Flyway hostFlyway(DataSource dataSource, String target) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/hostapp")
                .target(target)
                .load();
    }

    private static List<String> hostHistory(TestSchema target) throws SQLException {
        return target.strings(
                "select installed_rank || '|' || version || '|' || checksum || '|' || installed_on || '|' || success"
                        + " from flyway_schema_history order by installed_rank");
    }

    /** Every table, view, index, sequence, type, function and trigger in the schema, by name. */
    private static List<String> objectsIn(TestSchema target) throws SQLException {
        return target.strings("""
                select 'relation ' || c.relname from pg_class c where c.relnamespace = current_schema()::regnamespace
                union all
                select 'function ' || p.proname from pg_proc p where p.pronamespace = current_schema()::regnamespace
                union all
                select 'type ' || t.typname from pg_type t where t.typnamespace = current_schema()::regnamespace
                union all
                select 'trigger ' || g.tgname from pg_trigger g join pg_class c on c.oid = g.tgrelid
                 where c.relnamespace = current_schema()::regnamespace
                union all
                select 'constraint ' || n.conname from pg_constraint n
                 where n.connamespace = current_schema()::regnamespace
                """);
    }

    private static List<String> tables(TestSchema target) throws SQLException {
        try (Connection connection = target.openConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select table_name from information_schema.tables where table_schema = ?")) {
            statement.setString(1, target.name());
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }
}
