package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.StoreException;
import dev.modelaccess.testsupport.postgres.SupabaseStub;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Applying, re-applying and rolling back the Supabase flavor (what it allows is {@link SupabaseFlavorRlsTest}). */
@WithPostgres
class SupabaseFlavorTest {

    static final List<String> FLAVOR = List.of(
            "V10_1__supabase_user_openrouter_integrations.sql",
            "V10_2__supabase_library_tables.sql",
            "V10_3__supabase_user_openrouter_integrations_backend_columns.sql",
            "V12_1__supabase_pooler_tables.sql",
            "V14_1__supabase_catalog_policy_tables.sql",
            "V16_1__supabase_succession_tables.sql");

    static TestSchema schema;

    @BeforeAll
    static void supabase() throws SQLException {
        SupabaseStub.install(schema);
    }

    /** A fresh schema prepared the way Supabase prepares {@code public}, with the plain migrations applied. */
    static TestSchema migrated() throws SQLException {
        TestSchema target = schema.createSchema();
        SupabaseStub.install(target);
        ModelAccessSchema.migrate(target.dataSource());
        return target;
    }

    @Test
    void theFlavorAppliesItsMigrationsInAHistoryOfItsOwnAndNothingTwice() throws SQLException {
        TestSchema target = migrated();

        assertThat(SupabaseFlavor.migrate(target.dataSource())).isEqualTo(FLAVOR.size());
        assertThat(SupabaseFlavor.migrate(target.dataSource())).isZero();

        assertThat(target.strings("select version from " + SupabaseFlavor.HISTORY_TABLE
                        + " where type = 'SQL' and success order by installed_rank"))
                .as("only the migrations, never the rollback scripts beside them")
                .containsExactly("10.1", "10.2", "10.3", "12.1", "14.1", "16.1");
        assertThat(target.strings("select relname from pg_class where relrowsecurity and relname in"
                        + " ('catalog_rules', 'model_review_holds') and relnamespace = current_schema()::regnamespace"
                        + " order by 1"))
                .as("the catalog policy's tables are out of the Data API")
                .containsExactly("catalog_rules", "model_review_holds");
        assertThat(target.strings("select version from " + ModelAccessSchema.HISTORY_TABLE + " where version = '10.1'"))
                .as("the plain history is left alone")
                .isEmpty();
        assertThat(target.strings("select relrowsecurity || ' ' || relforcerowsecurity from pg_class"
                        + " where oid = 'user_openrouter_integrations'::regclass"))
                .containsExactly("true true");
        assertThat(policies(target))
                .containsExactlyInAnyOrder(
                        "user_openrouter_integrations_delete_own DELETE {authenticated}",
                        "user_openrouter_integrations_insert_own INSERT {authenticated}",
                        "user_openrouter_integrations_select_own SELECT {authenticated}",
                        "user_openrouter_integrations_update_own UPDATE {authenticated}");
    }

    @Test
    void thePoliciesReadTheUserIdOncePerStatement() throws SQLException {
        TestSchema target = migrated();
        SupabaseFlavor.migrate(target.dataSource());

        assertThat(target.strings("select coalesce(qual, '') || ' ' || coalesce(with_check, '') from pg_policies"
                        + " where schemaname = current_schema()"))
                .hasSize(4)
                .allSatisfy(expression -> assertThat(expression)
                        .contains("( SELECT auth.uid() AS uid)")
                        .contains("user_id"));
    }

    @Test
    void withoutThePlainMigrationsTheFlavorIsRefusedSayingWhatIsMissing() throws SQLException {
        TestSchema target = schema.createSchema();
        SupabaseStub.install(target);

        assertThatThrownBy(() -> SupabaseFlavor.migrate(target.dataSource()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(
                        "missing: table user_openrouter_integrations (apply ModelAccessSchema.migrate first)");
        assertThat(target.strings("select to_regclass('" + SupabaseFlavor.HISTORY_TABLE + "')::text"))
                .containsOnlyNulls();
    }

    @Test
    void rollingTheFlavorBackLeavesThePlainTableAsItWasAndItCanBeAppliedAgain() throws Exception {
        TestSchema target = migrated();
        SupabaseFlavor.migrate(target.dataSource());

        target.execute(TestSchema.script("db/modelaccess/supabase-rollback/U16_1__supabase_succession_tables.sql"));
        target.execute(TestSchema.script("db/modelaccess/supabase-rollback/U14_1__supabase_catalog_policy_tables.sql"));
        target.execute(TestSchema.script("db/modelaccess/supabase-rollback/"
                + "U10_3__supabase_user_openrouter_integrations_backend_columns.sql"));
        assertThat(target.strings("select privilege_type from information_schema.table_privileges where grantee ="
                        + " 'authenticated' and table_name = 'user_openrouter_integrations'"
                        + " and table_schema = current_schema() order by 1"))
                .as("U10.3 gives back what V10.1 granted")
                .containsExactly("DELETE", "INSERT", "SELECT", "UPDATE");
        target.execute(TestSchema.script("db/modelaccess/supabase-rollback/U12_1__supabase_pooler_tables.sql"));
        target.execute(TestSchema.script("db/modelaccess/supabase-rollback/U10_2__supabase_library_tables.sql"));
        target.execute(
                TestSchema.script("db/modelaccess/supabase-rollback/U10_1__supabase_user_openrouter_integrations.sql"));

        assertThat(policies(target)).isEmpty();
        assertThat(target.strings("select relname from pg_class where relnamespace = current_schema()::regnamespace"
                        + " and relkind = 'r' and (relrowsecurity or relforcerowsecurity)"))
                .isEmpty();
        assertThat(target.strings("select conname from pg_constraint where contype = 'f'"
                        + " and conrelid = 'user_openrouter_integrations'::regclass"))
                .isEmpty();
        assertThat(target.strings("select version from " + SupabaseFlavor.HISTORY_TABLE + " where type = 'SQL'"))
                .isEmpty();

        assertThat(SupabaseFlavor.migrate(target.dataSource())).isEqualTo(FLAVOR.size());
        assertThat(policies(target)).hasSize(4);
    }

    @Test
    void theFlavorRunsAsPlainSqlAsIfPastedIntoTheSupabaseEditor() throws Exception {
        TestSchema target = schema.createSchema();
        SupabaseStub.install(target);
        for (String migration : List.of(
                "V1__model_access.sql",
                "V2__sync_runs.sql",
                "V3__model_access_events.sql",
                "V10__user_openrouter_integrations.sql")) {
            target.execute(TestSchema.script("db/modelaccess/migration/" + migration));
        }
        for (String migration : FLAVOR) {
            String sql = TestSchema.script("db/modelaccess/supabase/" + migration);
            assertThat(sql).doesNotContainIgnoringCase("public.").doesNotContain("${");
            target.execute(sql);
        }

        assertThat(policies(target)).hasSize(4);
        assertThat(target.strings("select has_table_privilege('anon', 'model_access', 'select')::text"))
                .containsExactly("false");
    }

    private static List<String> policies(TestSchema target) throws SQLException {
        return target.strings("select policyname || ' ' || cmd || ' ' || roles::text from pg_policies"
                + " where schemaname = current_schema()");
    }
}
