package dev.modelaccess.example.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.example.AppMigrations;
import dev.modelaccess.jooq.ModelAccessSchema;
import dev.modelaccess.jooq.SupabaseFlavor;
import dev.modelaccess.testsupport.postgres.SupabaseStub;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example app's Supabase flavor on {@code profiles} and {@code resources}, on plain PostgreSQL with what Supabase
 * provides ({@link SupabaseStub}), checked the way PostgREST runs each request: in a transaction, {@code set local
 * role}, the JWT claims in {@code request.jwt.claims}; every attempt rolled back.
 */
@WithPostgres
class ExampleSupabaseFlavorRlsTest {

    static TestSchema schema;

    static final UUID ALICE = UUID.randomUUID(); // pro, one resource
    static final UUID BOB = UUID.randomUUID(); // free, one resource
    static final UUID CAROL = UUID.randomUUID(); // no profile yet

    enum Role {
        ANON,
        AUTHENTICATED,
        SERVICE_ROLE
    }

    /** Rows affected or counted, or the 42501 kind of refusal. */
    sealed interface Outcome {
        record Rows(int count) implements Outcome {}

        record Denied(String messagePart) implements Outcome {}
    }

    static final Outcome ONE = new Outcome.Rows(1);
    static final Outcome NONE = new Outcome.Rows(0);
    static final Outcome NO_PRIVILEGE = new Outcome.Denied("permission denied for table");
    static final Outcome POLICY_VIOLATION = new Outcome.Denied("violates row-level security policy");

    @BeforeAll
    static void supabaseWithBothFlavors() throws SQLException {
        SupabaseStub.install(schema);
        ModelAccessSchema.migrate(schema.dataSource());
        AppMigrations.flyway(schema).migrate();
        SupabaseFlavor.migrate(schema.dataSource());
        assertThat(ExampleSupabaseFlavor.migrate(schema.dataSource())).isEqualTo(1);
        assertThat(ExampleSupabaseFlavor.migrate(schema.dataSource())).isZero();
        SupabaseStub.addUsers(schema, ALICE, BOB, CAROL);
        schema.execute("insert into profiles (id, tier) values ('" + ALICE + "', 'pro'), ('" + BOB + "', 'free')");
        schema.execute("insert into resources (owner_id, name, resource_type, openrouter_config) values ('" + ALICE
                + "', 'alice''s', 'openrouter_instant', '{}'), ('" + BOB
                + "', 'bob''s', 'openrouter_instant', '{}')");
    }

    @AfterAll
    static void forgetTheUsers() throws SQLException {
        SupabaseStub.removeUsers(schema, ALICE, BOB, CAROL);
    }

    static final String COUNT_PROFILE = "select count(*) from profiles where id = ?";
    static final String COUNT_RESOURCES = "select count(*) from resources where owner_id = ?";
    static final String INSERT_RESOURCE = "insert into resources (owner_id, name, resource_type, openrouter_config)"
            + " values (?, 'new', 'openrouter_instant', '{}')";

    /** The matrix: description, role, the signed-in user (claims), statement, its one parameter, outcome. */
    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        // profiles: anon gets nothing at all
        cases.add(Arguments.of("anon reads a profile", Role.ANON, ALICE, COUNT_PROFILE, ALICE, NO_PRIVILEGE));
        cases.add(Arguments.of(
                "anon sets a tier",
                Role.ANON,
                null,
                "update profiles set tier = 'enterprise' where id = ?",
                ALICE,
                NO_PRIVILEGE));
        cases.add(Arguments.of(
                "anon creates a profile",
                Role.ANON,
                CAROL,
                "insert into profiles (id) values (?)",
                CAROL,
                NO_PRIVILEGE));
        cases.add(Arguments.of(
                "anon deletes a profile", Role.ANON, ALICE, "delete from profiles where id = ?", ALICE, NO_PRIVILEGE));
        // profiles: a signed-in user reads their own only
        cases.add(Arguments.of("a user reads their profile", Role.AUTHENTICATED, ALICE, COUNT_PROFILE, ALICE, ONE));
        cases.add(Arguments.of("a user reads another's", Role.AUTHENTICATED, ALICE, COUNT_PROFILE, BOB, NONE));
        cases.add(Arguments.of("no claims, no profile", Role.AUTHENTICATED, null, COUNT_PROFILE, ALICE, NONE));
        // ... never changes a tier, their own or another's
        cases.add(Arguments.of(
                "a user raises their own tier",
                Role.AUTHENTICATED,
                BOB,
                "update profiles set tier = 'enterprise' where id = ?",
                BOB,
                NO_PRIVILEGE));
        cases.add(Arguments.of(
                "a user changes another's tier",
                Role.AUTHENTICATED,
                ALICE,
                "update profiles set tier = 'free' where id = ?",
                BOB,
                NO_PRIVILEGE));
        cases.add(Arguments.of(
                "a user re-keys their profile",
                Role.AUTHENTICATED,
                ALICE,
                "update profiles set id = gen_random_uuid() where id = ?",
                ALICE,
                NO_PRIVILEGE));
        // ... may choose their own default model, not another's
        cases.add(Arguments.of(
                "a user sets their default model",
                Role.AUTHENTICATED,
                ALICE,
                "update profiles set default_model = 'a/one' where id = ?",
                ALICE,
                ONE));
        cases.add(Arguments.of(
                "a user sets another's default model",
                Role.AUTHENTICATED,
                ALICE,
                "update profiles set default_model = 'a/one' where id = ?",
                BOB,
                NONE));
        // ... may create their own profile with the default tier only, and no one else's
        cases.add(Arguments.of(
                "a user creates their profile",
                Role.AUTHENTICATED,
                CAROL,
                "insert into profiles (id) values (?)",
                CAROL,
                ONE));
        cases.add(Arguments.of(
                "a user creates their profile as enterprise",
                Role.AUTHENTICATED,
                CAROL,
                "insert into profiles (id, tier) values (?, 'enterprise')",
                CAROL,
                NO_PRIVILEGE));
        cases.add(Arguments.of(
                "a user creates another's profile",
                Role.AUTHENTICATED,
                ALICE,
                "insert into profiles (id) values (?)",
                CAROL,
                POLICY_VIOLATION));
        cases.add(Arguments.of(
                "a user upserts a tier (the Data API's Prefer: resolution=merge-duplicates)",
                Role.AUTHENTICATED,
                BOB,
                "insert into profiles (id) values (?) on conflict (id) do update set tier = 'enterprise'",
                BOB,
                NO_PRIVILEGE));
        cases.add(Arguments.of(
                "a user deletes their profile",
                Role.AUTHENTICATED,
                ALICE,
                "delete from profiles where id = ?",
                ALICE,
                NO_PRIVILEGE));
        // profiles: the backend does everything
        cases.add(Arguments.of(
                "service_role sets a tier",
                Role.SERVICE_ROLE,
                null,
                "update profiles set tier = 'enterprise' where id = ?",
                BOB,
                ONE));
        cases.add(Arguments.of(
                "service_role creates an enterprise profile",
                Role.SERVICE_ROLE,
                null,
                "insert into profiles (id, tier) values (?, 'enterprise')",
                CAROL,
                ONE));
        cases.add(Arguments.of(
                "service_role deletes a profile",
                Role.SERVICE_ROLE,
                null,
                "delete from profiles where id = ?",
                ALICE,
                ONE));
        // resources: own rows only
        cases.add(Arguments.of("anon reads resources", Role.ANON, ALICE, COUNT_RESOURCES, ALICE, NO_PRIVILEGE));
        cases.add(Arguments.of("anon creates a resource", Role.ANON, ALICE, INSERT_RESOURCE, ALICE, NO_PRIVILEGE));
        cases.add(Arguments.of("a user reads their resources", Role.AUTHENTICATED, ALICE, COUNT_RESOURCES, ALICE, ONE));
        cases.add(Arguments.of("a user reads another's", Role.AUTHENTICATED, ALICE, COUNT_RESOURCES, BOB, NONE));
        cases.add(Arguments.of("no claims, no resources", Role.AUTHENTICATED, null, COUNT_RESOURCES, ALICE, NONE));
        cases.add(Arguments.of("a user creates their own", Role.AUTHENTICATED, ALICE, INSERT_RESOURCE, ALICE, ONE));
        cases.add(Arguments.of(
                "a user creates one for another", Role.AUTHENTICATED, ALICE, INSERT_RESOURCE, BOB, POLICY_VIOLATION));
        cases.add(Arguments.of(
                "a user renames their own",
                Role.AUTHENTICATED,
                ALICE,
                "update resources set name = 'renamed' where owner_id = ?",
                ALICE,
                ONE));
        cases.add(Arguments.of(
                "a user renames another's",
                Role.AUTHENTICATED,
                ALICE,
                "update resources set name = 'renamed' where owner_id = ?",
                BOB,
                NONE));
        cases.add(Arguments.of(
                "a user hands theirs to another",
                Role.AUTHENTICATED,
                ALICE,
                "update resources set owner_id = '" + BOB + "' where owner_id = ?",
                ALICE,
                POLICY_VIOLATION));
        cases.add(Arguments.of(
                "a user deletes their own",
                Role.AUTHENTICATED,
                ALICE,
                "delete from resources where owner_id = ?",
                ALICE,
                ONE));
        cases.add(Arguments.of(
                "a user deletes another's",
                Role.AUTHENTICATED,
                ALICE,
                "delete from resources where owner_id = ?",
                BOB,
                NONE));
        cases.add(Arguments.of("service_role reads any", Role.SERVICE_ROLE, null, COUNT_RESOURCES, BOB, ONE));
        cases.add(Arguments.of(
                "service_role deletes any",
                Role.SERVICE_ROLE,
                null,
                "delete from resources where owner_id = ?",
                BOB,
                ONE));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -> {5}")
    @MethodSource("matrix")
    void everyRoleOnOwnAndOtherRows(
            String description, Role role, @Nullable UUID actor, String sql, UUID parameter, Outcome expected)
            throws SQLException {
        assertThat(attempt(role, actor, sql, parameter)).isEqualTo(expected);
    }

    @Test
    void theTierCannotBeRaisedThroughTheDataApiWhicheverWayItIsTried() throws SQLException {
        assertThat(attempt(Role.AUTHENTICATED, BOB, "update profiles set tier = 'enterprise' where id = ?", BOB))
                .isEqualTo(NO_PRIVILEGE);
        assertThat(string("select tier from profiles where id = '" + BOB + "'")).isEqualTo("free");
    }

    @Test
    void theTableOwnerIsHeldToThePoliciesToo() throws SQLException {
        assertThat(string("select relforcerowsecurity::text from pg_class where oid = 'profiles'::regclass"))
                .isEqualTo("true");
        assertThat(string("select relforcerowsecurity::text from pg_class where oid = 'resources'::regclass"))
                .isEqualTo("true");
    }

    @Test
    void anonAndUsersCannotReachTheExampleAppsHistoryTables() {
        for (String table : List.of("example_app_schema_history", ExampleSupabaseFlavor.HISTORY_TABLE)) {
            for (Role role : List.of(Role.ANON, Role.AUTHENTICATED)) {
                assertThat(attemptQuietly(role, "select count(*) from " + table + " where ?::uuid is not null"))
                        .as("%s reading %s", role, table)
                        .isEqualTo(NO_PRIVILEGE);
            }
        }
    }

    @Test
    void withoutTheExampleAppsTablesTheFlavorIsRefusedSayingWhatIsMissing() throws SQLException {
        TestSchema bare = schema.createSchema();
        SupabaseStub.install(bare);

        assertThatThrownBy(() -> ExampleSupabaseFlavor.migrate(bare.dataSource()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "missing: table profiles (apply the example app's migrations first)," + " table resources");
    }

    @Test
    void rollingTheFlavorBackLeavesTheTablesAsTheyWereAndItCanBeAppliedAgain() throws Exception {
        TestSchema target = schema.createSchema();
        SupabaseStub.install(target);
        ModelAccessSchema.migrate(target.dataSource());
        AppMigrations.flyway(target).migrate();
        ExampleSupabaseFlavor.migrate(target.dataSource());

        target.execute(TestSchema.script("db/example-app-supabase-rollback/U1__supabase_profiles_and_resources.sql"));

        assertThat(target.strings("select policyname from pg_policies where schemaname = current_schema()"
                        + " and tablename in ('profiles', 'resources')"))
                .isEmpty();
        assertThat(target.strings("select relname from pg_class where relnamespace = current_schema()::regnamespace"
                        + " and relkind = 'r' and relname not like 'model_access%'"
                        + " and relname not like 'sync_runs' and relname not like 'user_openrouter%'"
                        + " and relname not in ('model_successors', 'tier_defaults')"
                        + " and (relrowsecurity or relforcerowsecurity)"))
                .isEmpty();
        assertThat(target.strings("select version from " + ExampleSupabaseFlavor.HISTORY_TABLE + " where type = 'SQL'"))
                .isEmpty();
        assertThat(ExampleSupabaseFlavor.migrate(target.dataSource())).isEqualTo(1);
        assertThat(target.strings("select policyname from pg_policies where schemaname = current_schema()"
                        + " and tablename in ('profiles', 'resources')"))
                .hasSize(7);
    }

    private static Outcome attemptQuietly(Role role, String sql) {
        try {
            return attempt(role, ALICE, sql, ALICE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Outcome attempt(Role role, @Nullable UUID actor, String sql, UUID parameter) throws SQLException {
        try (Connection connection = schema.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                SupabaseStub.actAs(connection, role.name().toLowerCase(java.util.Locale.ROOT), actor);
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setObject(1, parameter);
                    if (sql.startsWith("select")) {
                        try (ResultSet rows = statement.executeQuery()) {
                            rows.next();
                            return new Outcome.Rows(rows.getInt(1));
                        }
                    }
                    return new Outcome.Rows(statement.executeUpdate());
                }
            } catch (SQLException e) {
                assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("42501");
                for (Outcome denial : List.of(NO_PRIVILEGE, POLICY_VIOLATION)) {
                    if (String.valueOf(e.getMessage()).contains(((Outcome.Denied) denial).messagePart())) {
                        return denial;
                    }
                }
                return new Outcome.Denied(String.valueOf(e.getMessage()));
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static @Nullable String string(String sql) throws SQLException {
        List<String> values = schema.strings(sql);
        return values.isEmpty() ? null : values.get(0);
    }
}
