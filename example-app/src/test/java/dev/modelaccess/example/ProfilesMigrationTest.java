package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.jooq.ModelAccessSchema;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example app's own migrations: the profiles table, and the upgrade from the old allowed_models design. */
@WithPostgres
class ProfilesMigrationTest {

    private static final UUID OLD_USER = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000001");
    private static final UUID NEW_USER = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000002");

    TestSchema schema;

    /**
     * The same settings as {@code spring.flyway.*} in application.yml; the library's migrations are applied first,
     * as the application does (V3 needs model_access).
     */
    private Flyway flyway(TestSchema target) {
        ModelAccessSchema.migrate(target.dataSource());
        return AppMigrations.flyway(target);
    }

    /** The schema auth belongs to the whole database: other test classes (Supabase's stub) may have left one. */
    @BeforeEach
    @AfterEach
    void dropAuthSchema() {
        dsl(schema).execute("drop schema if exists auth cascade");
    }

    @Test
    void onAnEmptySchemaTheProfilesTableIsCreated() {
        TestSchema fresh = schema.createSchema();

        flyway(fresh).migrate();

        DSLContext dsl = dsl(fresh);
        dsl.execute("insert into profiles (id) values ('" + NEW_USER + "')");
        assertThat(dsl.fetchValue("select tier from profiles where id = '" + NEW_USER + "'"))
                .isEqualTo("free");
        assertThat(columns(dsl, fresh.name())).containsExactlyInAnyOrder("id", "tier", "default_model");
    }

    @Test
    void aTierOutsideFreeProEnterpriseIsRefused() {
        TestSchema fresh = schema.createSchema();
        flyway(fresh).migrate();

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        dsl(fresh).execute("insert into profiles (id, tier) values ('" + NEW_USER + "', 'platinum')"))
                .hasMessageContaining("profiles_tier_check");
    }

    @Test
    void theLegacyAllowedModelsColumnTriggerAndFunctionAreRemovedAndProfilesKept() {
        TestSchema legacy = schema.createSchema();
        DSLContext dsl = dsl(legacy);
        seedTheOldDesign(dsl, FILLS_ALLOWED_MODELS_ONLY);
        dsl.execute("insert into profiles (id) values ('" + OLD_USER + "')");
        dsl.execute("insert into auth.users (id) values ('" + OLD_USER + "')");
        assertThat(dsl.fetchValue("select allowed_models::text from profiles where id = '" + OLD_USER + "'"))
                .asString()
                .contains("openai/gpt-4o-mini");

        flyway(legacy).migrate();

        assertThat(columns(dsl, legacy.name())).containsExactlyInAnyOrder("id", "tier", "default_model");
        assertThat(dsl.fetchValue("select tier from profiles where id = '" + OLD_USER + "'"))
                .isEqualTo("pro");
        assertThat(dsl.fetchCount(DSL.table("pg_trigger"), DSL.field("tgname").eq("on_auth_user_created")))
                .isZero();
        assertThat(handleNewUserFunctions(dsl)).isZero();
        assertThat(profilesMadeBySignUp(dsl))
                .as("no first-login trigger any more")
                .isZero();
    }

    @Test
    void theMigrationsRunOnceAndAgainstASchemaWithoutAuthTheyDoNothingHarmful() {
        TestSchema fresh = schema.createSchema();

        assertThat(flyway(fresh).migrate().migrationsExecuted).isEqualTo(3);
        assertThat(flyway(fresh).migrate().migrationsExecuted).isZero();
    }

    /** The old design's first-login function when all it does is fill the list. */
    private static final String FILLS_ALLOWED_MODELS_ONLY = """
            begin
                update profiles set allowed_models = '["openai/gpt-4o-mini", "anthropic/claude-3.5-haiku"]'::jsonb
                where id = new.id;
                return new;
            end""";

    /** A sign-up function that creates the profile row and also fills the list. */
    private static final String CREATES_THE_PROFILE_AND_FILLS_ALLOWED_MODELS = """
            begin
                insert into profiles (id, allowed_models)
                values (new.id, '["openai/gpt-4o-mini", "anthropic/claude-3.5-haiku"]'::jsonb);
                return new;
            end""";

    /** Supabase's template: handle_new_user() creates the profile row at sign-up, and knows nothing of the list. */
    private static final String SUPABASE_TEMPLATE = """
            begin
                insert into profiles (id) values (new.id);
                return new;
            end""";

    private static void seedTheOldDesign(DSLContext dsl, String handleNewUserBody) {
        dsl.execute("create schema if not exists auth");
        dsl.execute("create table auth.users (id uuid primary key)");
        dsl.execute("create table profiles (id uuid primary key, tier text not null default 'pro',"
                + " allowed_models jsonb not null default '[]')");
        defineHandleNewUser(dsl, handleNewUserBody);
        dsl.execute("create trigger on_auth_user_created after insert on auth.users"
                + " for each row execute function handle_new_user()");
    }

    private static void defineHandleNewUser(DSLContext dsl, String body) {
        dsl.execute("create or replace function handle_new_user() returns trigger language plpgsql as $$\n" + body
                + "\n$$");
    }

    @Test
    void aSignUpFunctionThatAlsoFillsAllowedModelsStopsTheUpgradeSayingWhatToDoAndSignUpKeepsWorking() {
        TestSchema legacy = schema.createSchema();
        DSLContext dsl = dsl(legacy);
        seedTheOldDesign(dsl, CREATES_THE_PROFILE_AND_FILLS_ALLOWED_MODELS);

        assertThatThrownBy(() -> flyway(legacy).migrate())
                .hasMessageContaining("handle_new_user() fills profiles.allowed_models, which this upgrade removes")
                .hasMessageContaining("Rewrite handle_new_user() without allowed_models");

        assertThat(columns(dsl, legacy.name())).contains("allowed_models");
        dsl.execute("insert into auth.users (id) values ('" + OLD_USER + "')");
        assertThat(dsl.fetchCount(DSL.table("profiles"), DSL.field("id").eq(OLD_USER)))
                .as("sign-up still creates the profile")
                .isOne();

        defineHandleNewUser(dsl, SUPABASE_TEMPLATE);
        flyway(legacy).migrate();

        assertThat(columns(dsl, legacy.name())).containsExactlyInAnyOrder("id", "tier", "default_model");
        assertThat(profilesMadeBySignUp(dsl))
                .as("the rewritten sign-up function survives the upgrade and creates profiles")
                .isOne();
    }

    @Test
    void supabasesTemplateHandleNewUserSurvivesTheUpgradeAndSignUpKeepsCreatingProfiles() {
        TestSchema legacy = schema.createSchema();
        DSLContext dsl = dsl(legacy);
        seedTheOldDesign(dsl, SUPABASE_TEMPLATE);

        flyway(legacy).migrate();

        assertThat(columns(dsl, legacy.name())).containsExactlyInAnyOrder("id", "tier", "default_model");
        assertThat(handleNewUserFunctions(dsl)).isOne();
        assertThat(dsl.fetchCount(DSL.table("pg_trigger"), DSL.field("tgname").eq("on_auth_user_created")))
                .isOne();
        assertThat(profilesMadeBySignUp(dsl)).isOne();
    }

    /** How many {@code handle_new_user} functions the schema holds. */
    private static int handleNewUserFunctions(DSLContext dsl) {
        return dsl.fetchCount(
                DSL.table("pg_proc"),
                DSL.field("proname").eq("handle_new_user"),
                DSL.field("pronamespace").eq(DSL.field("current_schema()::regnamespace")));
    }

    /** Signs a new user up (a row in {@code auth.users}) and counts the profiles made for them. */
    private static int profilesMadeBySignUp(DSLContext dsl) {
        dsl.execute("insert into auth.users (id) values ('" + NEW_USER + "')");
        return dsl.fetchCount(DSL.table("profiles"), DSL.field("id").eq(NEW_USER));
    }

    private static java.util.List<String> columns(DSLContext dsl, String schemaName) {
        return dsl
                .fetchValues(
                        "select column_name from information_schema.columns where table_schema = ? and table_name ="
                                + " 'profiles'",
                        schemaName)
                .stream()
                .map(String::valueOf)
                .toList();
    }

    private static DSLContext dsl(TestSchema target) {
        return DSL.using(target.dataSource(), SQLDialect.POSTGRES);
    }
}
