package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.jooq.ModelAccessSchema;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Every example-app migration has a rollback script; applied all and rolled all back, the schema is as it was. */
@WithPostgres
class ExampleAppRollbackTest {

    static final List<String> ROLLBACKS_IN_ORDER =
            List.of("U3__resources.sql", "U2__drop_legacy_allowed_models.sql", "U1__profiles.sql");

    TestSchema schema;

    /** Everything in the schema but Flyway's history tables: relations, columns, functions, triggers, constraints. */
    static final String SHAPE = """
            select 'relation ' || relname || ' ' || relkind::text from pg_class
                where relnamespace = current_schema()::regnamespace and relname not like '%schema_history%'
            union all select 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '
                    || coalesce(column_default, '') || ' ' || is_nullable
                from information_schema.columns
                where table_schema = current_schema() and table_name not like '%schema_history%'
            union all select 'function ' || oid::regprocedure::text from pg_proc
                where pronamespace = current_schema()::regnamespace
            union all select 'trigger ' || tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid
                where c.relnamespace = current_schema()::regnamespace and not t.tgisinternal
            union all select 'constraint ' || conname from pg_constraint
                where connamespace = current_schema()::regnamespace and conname not like '%schema_history%'
            order by 1
            """;

    private static Flyway appMigrations(TestSchema target) {
        return Flyway.configure()
                .dataSource(target.dataSource())
                .locations("classpath:db/example-app")
                .table("example_app_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }

    @Test
    void everyMigrationHasARollbackScript() {
        for (String version : List.of("1", "2", "3")) {
            assertThat(ROLLBACKS_IN_ORDER)
                    .anySatisfy(script -> assertThat(script).startsWith("U" + version + "__"));
        }
        assertThat(appMigrations(schema.createSchema()).info().all()).hasSize(ROLLBACKS_IN_ORDER.size());
    }

    @Test
    void applyingAllAndRollingAllBackLeavesTheSchemaAsItWasAndTheyApplyAgain() throws Exception {
        TestSchema target = schema.createSchema();
        ModelAccessSchema.migrate(target.dataSource());
        List<String> before = strings(target, SHAPE);

        assertThat(appMigrations(target).migrate().migrationsExecuted).isEqualTo(3);
        assertThat(strings(target, SHAPE)).isNotEqualTo(before).contains("relation profiles r", "relation resources r");

        for (String script : ROLLBACKS_IN_ORDER) {
            execute(target, resource("db/example-app-rollback/" + script));
        }

        assertThat(strings(target, SHAPE)).containsExactlyElementsOf(before);
        assertThat(strings(
                        target,
                        "select version from example_app_schema_history where type = 'SQL' and version is not null"))
                .as("no applied version left in the history")
                .isEmpty();
        assertThat(appMigrations(target).migrate().migrationsExecuted)
                .as("the next start applies them again")
                .isEqualTo(3);
    }

    private static List<String> strings(TestSchema target, String sql) throws SQLException {
        try (Connection connection = target.openConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void execute(TestSchema target, String sql) throws SQLException {
        try (Connection connection = target.openConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(
                ExampleAppRollbackTest.class.getClassLoader().getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
