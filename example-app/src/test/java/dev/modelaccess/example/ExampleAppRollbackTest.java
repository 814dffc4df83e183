package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.jooq.ModelAccessSchema;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.List;
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

    @Test
    void everyMigrationHasARollbackScript() {
        for (String version : List.of("1", "2", "3")) {
            assertThat(ROLLBACKS_IN_ORDER)
                    .anySatisfy(script -> assertThat(script).startsWith("U" + version + "__"));
        }
        assertThat(AppMigrations.flyway(schema.createSchema()).info().all()).hasSize(ROLLBACKS_IN_ORDER.size());
    }

    @Test
    void applyingAllAndRollingAllBackLeavesTheSchemaAsItWasAndTheyApplyAgain() throws Exception {
        TestSchema target = schema.createSchema();
        ModelAccessSchema.migrate(target.dataSource());
        List<String> before = target.strings(SHAPE);

        assertThat(AppMigrations.flyway(target).migrate().migrationsExecuted).isEqualTo(3);
        assertThat(target.strings(SHAPE)).isNotEqualTo(before).contains("relation profiles r", "relation resources r");

        for (String script : ROLLBACKS_IN_ORDER) {
            target.execute(TestSchema.script("db/example-app-rollback/" + script));
        }

        assertThat(target.strings(SHAPE)).containsExactlyElementsOf(before);
        assertThat(target.strings(
                        "select version from example_app_schema_history where type = 'SQL' and version is not null"))
                .as("no applied version left in the history")
                .isEmpty();
        assertThat(AppMigrations.flyway(target).migrate().migrationsExecuted)
                .as("the next start applies them again")
                .isEqualTo(3);
    }
}
