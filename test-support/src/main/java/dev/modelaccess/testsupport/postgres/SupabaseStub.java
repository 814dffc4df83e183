package dev.modelaccess.testsupport.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a Supabase database provides, on plain PostgreSQL, as Supabase defines it: the roles {@code anon} and {@code
 * authenticated} (NOLOGIN NOINHERIT) and {@code service_role} (NOLOGIN NOINHERIT BYPASSRLS), the schema {@code auth}
 * with {@code auth.users}, and {@code auth.uid()} reading the {@code sub} claim of {@code request.jwt.claims} (the
 * setting PostgREST fills per transaction).
 *
 * <p>Roles and the {@code auth} schema belong to the whole database (roles even to the cluster) and other test
 * classes may share them: everything is created only when missing, under an advisory lock.
 */
public final class SupabaseStub {

    private static final String INSTALL = """
            select pg_advisory_xact_lock(hashtext('model-access supabase stub'));
            do $$
            begin
                if not exists (select from pg_roles where rolname = 'anon') then
                    create role anon nologin noinherit;
                end if;
                if not exists (select from pg_roles where rolname = 'authenticated') then
                    create role authenticated nologin noinherit;
                end if;
                if not exists (select from pg_roles where rolname = 'service_role') then
                    create role service_role nologin noinherit bypassrls;
                end if;
            end;
            $$;
            create schema if not exists auth;
            create table if not exists auth.users (
                id         uuid        not null primary key,
                email      text,
                created_at timestamptz not null default now()
            );
            create or replace function auth.uid() returns uuid
                language sql stable
            as $$
                select coalesce(
                    nullif(current_setting('request.jwt.claim.sub', true), ''),
                    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
                )::uuid
            $$;
            grant usage on schema auth to anon, authenticated, service_role;
            grant execute on function auth.uid() to anon, authenticated, service_role;
            """;

    private SupabaseStub() {}

    /**
     * Installs the stub and prepares {@code schema} as Supabase prepares {@code public}: usage for the three roles,
     * and default privileges granting every table created afterwards to all three (the flavor must take them back).
     */
    public static void install(TestSchema schema) throws SQLException {
        try (Connection connection = schema.openConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(INSTALL);
                statement.execute("grant usage on schema " + schema.name() + " to anon, authenticated, service_role");
                statement.execute("alter default privileges in schema " + schema.name()
                        + " grant all on tables to anon, authenticated, service_role");
            }
            connection.commit();
        }
    }

    /** Adds users to {@code auth.users} (the flavor's foreign key needs them). */
    public static void addUsers(TestSchema schema, UUID... users) throws SQLException {
        try (Connection connection = schema.openConnection();
                var insert = connection.prepareStatement(
                        "insert into auth.users (id, email) values (?, ?) on conflict (id) do nothing")) {
            for (UUID user : users) {
                insert.setObject(1, user);
                insert.setString(2, user + "@example.test");
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Removes users from {@code auth.users} (what depends on them goes with them, as on Supabase). */
    public static void removeUsers(TestSchema schema, UUID... users) throws SQLException {
        try (Connection connection = schema.openConnection();
                var delete = connection.prepareStatement("delete from auth.users where id = any (?)")) {
            delete.setArray(1, connection.createArrayOf("uuid", users));
            delete.executeUpdate();
        }
    }

    /**
     * What PostgREST does at the start of each request's transaction: {@code set local role}, and for a signed-in
     * user ({@code user} not null) that user's {@link #claimsOf claims} in {@code request.jwt.claims}, both for the
     * current transaction only (the connection must not be in auto-commit).
     */
    public static void actAs(Connection connection, String role, @Nullable UUID user) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local role " + role);
        }
        if (user != null) {
            try (PreparedStatement claims =
                    connection.prepareStatement("select set_config('request.jwt.claims', ?, true)")) {
                claims.setString(1, claimsOf(user));
                claims.execute();
            }
        }
    }

    /** The {@code request.jwt.claims} PostgREST would set for a signed-in user. */
    public static String claimsOf(UUID user) {
        return "{\"sub\":\"" + user + "\",\"role\":\"authenticated\",\"aud\":\"authenticated\"}";
    }
}
