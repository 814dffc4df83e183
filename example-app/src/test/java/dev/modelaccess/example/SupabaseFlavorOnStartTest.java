package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.example.supabase.ExampleSupabaseFlavor;
import dev.modelaccess.jooq.SupabaseFlavor;
import dev.modelaccess.testsupport.postgres.SupabaseStub;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * {@code app.supabase.enabled=true}: on start, after the library's migrations and the example app's own, both Supabase
 * flavors are applied (the library's on the key table, the example app's on profiles and resources).
 */
@WithPostgres
class SupabaseFlavorOnStartTest {

    TestSchema schema;

    @Test
    void theAppAppliesBothFlavorsOnStartAndServesAsBefore() throws Exception {
        SupabaseStub.install(schema);
        try (RunningApp app = RunningApp.listing(schema, List.of("a/one"), "app.supabase.enabled=true")) {
            DSLContext dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);

            assertThat(strings(
                            dsl,
                            "select version from " + SupabaseFlavor.HISTORY_TABLE
                                    + " where type = 'SQL' order by installed_rank"))
                    .containsExactly("10.1", "10.2", "10.3", "12.1", "14.1", "16.1");
            assertThat(strings(
                            dsl, "select version from " + ExampleSupabaseFlavor.HISTORY_TABLE + " where type = 'SQL'"))
                    .containsExactly("1");
            assertThat(strings(
                            dsl,
                            "select tablename || ' ' || policyname from pg_policies"
                                    + " where schemaname = current_schema() and tablename in ('profiles', 'resources')"
                                    + " order by 1"))
                    .hasSize(7)
                    .contains("profiles profiles_select_own", "resources resources_select_own");
            assertThat(app.get("/api/models", TestTokens.user(UUID.randomUUID()))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    private static java.util.List<String> strings(DSLContext dsl, String sql) {
        return dsl.fetchValues(sql).stream().map(String::valueOf).toList();
    }
}
