package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.modelaccess.testsupport.postgres.SupabaseStub;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * The Supabase flavor's row level security on {@code user_openrouter_integrations}, on plain PostgreSQL with what
 * Supabase provides ({@link SupabaseStub}). Every check runs the way PostgREST does: in a transaction, {@code set
 * local role}, the JWT claims in {@code request.jwt.claims} set transaction-locally; and is rolled back.
 */
@WithPostgres
class SupabaseFlavorRlsTest {

    static TestSchema schema;

    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final UUID CAROL = UUID.randomUUID(); // in auth.users, no key stored

    @BeforeAll
    static void supabaseWithTheFlavor() throws SQLException {
        SupabaseStub.install(schema);
        ModelAccessSchema.migrate(schema.dataSource());
        assertThat(SupabaseFlavor.migrate(schema.dataSource())).isEqualTo(SupabaseFlavorTest.FLAVOR.size());
        SupabaseStub.addUsers(schema, ALICE, BOB, CAROL);
        try (Connection connection = schema.openConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into user_openrouter_integrations (user_id, encrypted_api_key, key_hint, key_id)"
                                + " values (?, 'v1:1:AQ', 'sk-or-v1-…abc', '1')")) {
            for (UUID user : List.of(ALICE, BOB)) {
                insert.setObject(1, user);
                insert.executeUpdate();
            }
        }
    }

    @AfterAll
    static void forgetTheUsers() throws SQLException {
        SupabaseStub.removeUsers(schema, ALICE, BOB, CAROL);
    }

    enum Role {
        ANON("anon"),
        AUTHENTICATED("authenticated"),
        SERVICE_ROLE("service_role");

        final String name;

        Role(String name) {
            this.name = name;
        }
    }

    enum Operation {
        SELECT,
        INSERT,
        UPDATE,
        DELETE
    }

    /** What PostgreSQL answers: rows affected or seen, or SQLSTATE 42501 (insufficient privilege). */
    sealed interface Outcome {
        record Rows(int count) implements Outcome {}

        record Denied(String messagePart) implements Outcome {}
    }

    static final Outcome ONE = new Outcome.Rows(1);
    static final Outcome NONE = new Outcome.Rows(0);
    static final Outcome NO_PRIVILEGE = new Outcome.Denied("permission denied for table user_openrouter_integrations");
    static final Outcome POLICY_VIOLATION = new Outcome.Denied("violates row-level security policy");

    /**
     * The matrix: operation × role (with the claims it carries) × whose row. "Own" for insert means the actor's
     * own, not yet stored row (Carol's); "other" means another user's row (Bob's; for insert, Carol's inserted by
     * Alice).
     */
    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Operation operation : Operation.values()) {
            boolean insert = operation == Operation.INSERT;
            UUID ownActor = insert ? CAROL : ALICE;
            UUID ownRow = insert ? CAROL : ALICE;
            UUID otherRow = insert ? CAROL : BOB;
            // anon: nothing at all, whatever claims it carries
            cases.add(Arguments.of(operation, Role.ANON, null, ownRow, NO_PRIVILEGE));
            cases.add(Arguments.of(operation, Role.ANON, ownActor, ownRow, NO_PRIVILEGE));
            // authenticated as the owner of the row (an update of is_enabled, the one column a user may set); since
            // flavor V10.3 no insert at all: only the backend stores keys
            cases.add(Arguments.of(operation, Role.AUTHENTICATED, ownActor, ownRow, insert ? NO_PRIVILEGE : ONE));
            // authenticated as another user: rows filtered out, inserts refused
            cases.add(Arguments.of(operation, Role.AUTHENTICATED, ALICE, otherRow, insert ? NO_PRIVILEGE : NONE));
            // authenticated without claims: nobody's row
            cases.add(Arguments.of(operation, Role.AUTHENTICATED, null, ownRow, insert ? NO_PRIVILEGE : NONE));
            // service_role: everything, own row or not, claims or not
            cases.add(Arguments.of(operation, Role.SERVICE_ROLE, null, ownRow, ONE));
            cases.add(Arguments.of(operation, Role.SERVICE_ROLE, ALICE, otherRow, ONE));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} (sub={2}) on the row of {3} -> {4}")
    @MethodSource("matrix")
    void everyOperationByEveryRoleOnOwnAndOtherRows(
            Operation operation, Role role, @Nullable UUID actor, UUID rowOwner, Outcome expected) throws SQLException {
        assertThat(attempt(operation, role, actor, rowOwner)).isEqualTo(expected);
    }

    private static Outcome attempt(Operation operation, Role role, @Nullable UUID actor, UUID rowOwner)
            throws SQLException {
        try (Connection connection = schema.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                SupabaseStub.actAs(connection, role.name, actor);
                return new Outcome.Rows(run(connection, operation, rowOwner));
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

    private static int run(Connection connection, Operation operation, UUID rowOwner) throws SQLException {
        String sql = switch (operation) {
            case SELECT -> "select count(*) from user_openrouter_integrations where user_id = ?";
            case INSERT ->
                "insert into user_openrouter_integrations (user_id, encrypted_api_key, key_hint, key_id)"
                        + " values (?, 'v1:1:AQ', 'sk-or-v1-…xyz', '1')";
            case UPDATE -> "update user_openrouter_integrations set is_enabled = false where user_id = ?";
            case DELETE -> "delete from user_openrouter_integrations where user_id = ?";
        };
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, rowOwner);
            if (operation == Operation.SELECT) {
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
            return statement.executeUpdate();
        }
    }

    @Test
    void aSignedInUserSeesOnlyTheirOwnRowWhenAskingForAll() throws SQLException {
        assertThat(visibleUsers(Role.AUTHENTICATED, ALICE)).containsExactly(ALICE);
        assertThat(visibleUsers(Role.AUTHENTICATED, CAROL)).isEmpty();
    }

    @Test
    void withoutClaimsNothingIsVisible() throws SQLException {
        assertThat(visibleUsers(Role.AUTHENTICATED, null)).isEmpty();
    }

    @Test
    void serviceRoleSeesEveryRow() throws SQLException {
        assertThat(visibleUsers(Role.SERVICE_ROLE, null)).containsExactlyInAnyOrder(ALICE, BOB);
    }

    @Test
    void aUserCannotHandTheirRowToAnotherUser() {
        assertThatThrownBy(() -> inTransactionAs(Role.AUTHENTICATED, ALICE, connection -> {
                    try (PreparedStatement update = connection.prepareStatement(
                            "update user_openrouter_integrations set user_id = ? where user_id = ?")) {
                        update.setObject(1, CAROL);
                        update.setObject(2, ALICE);
                        return update.executeUpdate();
                    }
                }))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
                .as("since flavor V10.3 user_id is not among the columns a user may update")
                .hasMessageContaining("permission denied for table user_openrouter_integrations");
    }

    /** The columns only the backend writes (flavor V10.3), and what a user may write instead: is_enabled. */
    static Stream<Arguments> columns() {
        return Stream.of(
                Arguments.of("is_valid", "false"),
                Arguments.of("last_verified_at", "now()"),
                Arguments.of("key_id", "'2'"),
                Arguments.of("encrypted_api_key", "'v1:2:forged'"),
                Arguments.of("key_hint", "'sk-or-v1-…000'"),
                Arguments.of("user_id", "user_id"),
                Arguments.of("created_at", "now()"),
                Arguments.of("updated_at", "now()"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void aUserCannotRewriteWhatOnlyTheBackendProducesInTheirOwnRow(String column, String value) throws SQLException {
        String sql = "update user_openrouter_integrations set " + column + " = " + value + " where user_id = ?";

        assertThat(updateAs(Role.AUTHENTICATED, ALICE, sql)).isEqualTo(NO_PRIVILEGE);
        assertThat(updateAs(Role.SERVICE_ROLE, null, sql))
                .as("the backend still writes it")
                .isEqualTo(ONE);
    }

    @Test
    void aUserMayToggleTheirOwnKeyButNotTogetherWithAColumnOnlyTheBackendWrites() throws SQLException {
        assertThat(updateAs(
                        Role.AUTHENTICATED,
                        ALICE,
                        "update user_openrouter_integrations set is_enabled = not is_enabled where user_id = ?"))
                .isEqualTo(ONE);
        assertThat(
                        updateAs(
                                Role.AUTHENTICATED,
                                ALICE,
                                "update user_openrouter_integrations set is_enabled = false, is_valid = true where user_id = ?"))
                .isEqualTo(NO_PRIVILEGE);
        assertThat(updateAs(
                        Role.AUTHENTICATED,
                        ALICE,
                        "update user_openrouter_integrations set is_enabled = false where user_id = ?",
                        BOB))
                .as("and only their own")
                .isEqualTo(NONE);
    }

    @Test
    void aUserMayStillReadAndDeleteTheirOwnRowAndTheUpsertOfTheDataApiIsRefused() throws SQLException {
        assertThat(visibleUsers(Role.AUTHENTICATED, ALICE)).containsExactly(ALICE);
        assertThat(updateAs(Role.AUTHENTICATED, ALICE, "delete from user_openrouter_integrations where user_id = ?"))
                .isEqualTo(ONE);
        assertThat(updateAs(
                        Role.AUTHENTICATED,
                        ALICE,
                        "insert into user_openrouter_integrations (user_id, encrypted_api_key, key_hint, key_id)"
                                + " values (?, 'v1:1:AQ', 'sk-or-v1-…abc', '1') on conflict (user_id)"
                                + " do update set is_valid = true"))
                .isEqualTo(NO_PRIVILEGE);
    }

    private static Outcome updateAs(Role role, @Nullable UUID actor, String sql) throws SQLException {
        return updateAs(role, actor, sql, ALICE);
    }

    private static Outcome updateAs(Role role, @Nullable UUID actor, String sql, UUID rowOwner) throws SQLException {
        try (Connection connection = schema.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                SupabaseStub.actAs(connection, role.name, actor);
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setObject(1, rowOwner);
                    return new Outcome.Rows(statement.executeUpdate());
                }
            } catch (SQLException e) {
                assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("42501");
                return String.valueOf(e.getMessage()).contains(((Outcome.Denied) NO_PRIVILEGE).messagePart())
                        ? NO_PRIVILEGE
                        : new Outcome.Denied(String.valueOf(e.getMessage()));
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    @Test
    void theTableOwnerIsHeldToThePoliciesToo() throws SQLException {
        try (Connection connection = schema.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("do $$ begin if not exists (select from pg_roles where rolname ="
                        + " 'model_access_rls_test_owner') then create role model_access_rls_test_owner nologin"
                        + " nobypassrls; end if; end $$");
                statement.execute("grant usage on schema " + schema.name() + " to model_access_rls_test_owner");
                statement.execute("alter table user_openrouter_integrations owner to model_access_rls_test_owner");
                statement.execute("set local role model_access_rls_test_owner");
                assertThat(count(statement))
                        .as("FORCE ROW LEVEL SECURITY: the owner sees nothing")
                        .isZero();

                statement.execute("reset role");
                statement.execute("alter table user_openrouter_integrations no force row level security");
                statement.execute("set local role model_access_rls_test_owner");
                assertThat(count(statement))
                        .as("without FORCE the owner would see every row")
                        .isEqualTo(2);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    @Test
    void deletingTheSupabaseUserDeletesTheirKey() throws SQLException {
        UUID dave = UUID.randomUUID();
        SupabaseStub.addUsers(schema, dave);
        try (Connection connection = schema.openConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into user_openrouter_integrations (user_id, encrypted_api_key, key_hint, key_id)"
                                + " values (?, 'v1:1:AQ', 'sk-or-v1-…abc', '1')")) {
            insert.setObject(1, dave);
            insert.executeUpdate();
        }

        SupabaseStub.removeUsers(schema, dave);

        assertThat(visibleUsers(Role.SERVICE_ROLE, null)).doesNotContain(dave);
    }

    @Test
    void aKeyForSomeoneWhoIsNotASupabaseUserIsRefused() {
        assertThatThrownBy(() -> inTransactionAs(Role.SERVICE_ROLE, null, connection -> {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "insert into user_openrouter_integrations (user_id, encrypted_api_key, key_hint, key_id)"
                                    + " values (?, 'v1:1:AQ', 'sk-or-v1-…abc', '1')")) {
                        insert.setObject(1, UUID.randomUUID());
                        return insert.executeUpdate();
                    }
                }))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
    }

    @Test
    void anonCannotReachTheLibrarysOwnTablesEither() throws SQLException {
        for (String table : List.of(
                "model_access",
                "sync_runs",
                "model_access_events",
                "model_access_job_leases",
                "model_access_catalog_version",
                "model_successors",
                "tier_defaults",
                ModelAccessSchema.HISTORY_TABLE,
                SupabaseFlavor.HISTORY_TABLE)) {
            for (Role role : List.of(Role.ANON, Role.AUTHENTICATED)) {
                assertThatThrownBy(() -> inTransactionAs(role, ALICE, connection -> {
                            try (Statement statement = connection.createStatement();
                                    ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
                                rows.next();
                                return rows.getInt(1);
                            }
                        }))
                        .as("%s reading %s", role, table)
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
            int serviceRoleCount = inTransactionAs(Role.SERVICE_ROLE, null, connection -> {
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
                    rows.next();
                    return rows.getInt(1);
                }
            });
            assertThat(serviceRoleCount).as("service_role reading %s", table).isNotNegative();
        }
    }

    @Test
    void claimsSetForOneTransactionNeverReachTheNextBorrowerOfAPooledConnection() throws SQLException {
        try (HikariDataSource pool = singleConnectionPool()) {
            int firstBackend;
            try (Connection first = pool.getConnection()) {
                first.setAutoCommit(false);
                SupabaseStub.actAs(first, Role.AUTHENTICATED.name, ALICE);
                firstBackend = backendPid(first);
                assertThat(visibleUsers(first)).containsExactly(ALICE);
                first.commit();
                first.setAutoCommit(true);
            }

            try (Connection next = pool.getConnection()) {
                assertThat(backendPid(next)).as("the same server connection").isEqualTo(firstBackend);
                assertThat(string(next, "select current_user")).isEqualTo(string(next, "select session_user"));
                assertThat(string(next, "select coalesce(current_setting('request.jwt.claims', true), '')"))
                        .isEmpty();
                assertThat(string(next, "select auth.uid()::text")).isNull();
                next.setAutoCommit(false);
                try (Statement statement = next.createStatement()) {
                    statement.execute("set local role authenticated");
                }
                assertThat(visibleUsers(next)).isEmpty();
                next.rollback();
                next.setAutoCommit(true);
            }
        }
    }

    @Test
    void claimsSetForTheSessionWouldLeakWhichIsWhyTheyAreSetPerTransaction() throws SQLException {
        try (HikariDataSource pool = singleConnectionPool()) {
            try (Connection first = pool.getConnection();
                    PreparedStatement claims =
                            first.prepareStatement("select set_config('request.jwt.claims', ?, false)")) {
                claims.setString(1, SupabaseStub.claimsOf(ALICE));
                claims.execute();
            }
            try (Connection next = pool.getConnection()) {
                assertThat(string(next, "select auth.uid()::text"))
                        .as("a session-level setting survives the return to the pool")
                        .isEqualTo(ALICE.toString());
                try (Statement statement = next.createStatement()) {
                    statement.execute("reset request.jwt.claims");
                }
            }
        }
    }

    private static HikariDataSource singleConnectionPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(schema.jdbcUrl());
        config.setUsername(schema.user());
        config.setPassword(schema.password());
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        config.setPoolName("rls-single-connection");
        return new HikariDataSource(config);
    }

    private static List<UUID> visibleUsers(Role role, @Nullable UUID actor) throws SQLException {
        return inTransactionAs(role, actor, SupabaseFlavorRlsTest::visibleUsers);
    }

    private static List<UUID> visibleUsers(Connection connection) throws SQLException {
        List<UUID> users = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select user_id from user_openrouter_integrations where user_id = any (array['" + ALICE + "', '"
                                + BOB + "', '" + CAROL + "']::uuid[])")) {
            while (rows.next()) {
                users.add(rows.getObject(1, UUID.class));
            }
        }
        return users;
    }

    private static int count(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("select count(*) from user_openrouter_integrations where"
                + " user_id in ('" + ALICE + "', '" + BOB + "')")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        return Integer.parseInt(string(connection, "select pg_backend_pid()::text"));
    }

    private static @Nullable String string(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private static <T> T inTransactionAs(Role role, @Nullable UUID actor, SqlWork<T> work) throws SQLException {
        try (Connection connection = schema.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                SupabaseStub.actAs(connection, role.name, actor);
                return work.run(connection);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }
}
