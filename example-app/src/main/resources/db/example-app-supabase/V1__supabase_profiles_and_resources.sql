-- Example app, Supabase flavor V1: row level security on the example app's own tables, `profiles` and `resources`.
--
-- What:
--   profiles  - a signed-in user (`authenticated`) may read their own row, create it with the default tier (only
--               the columns id and default_model may be given; tier takes its default, free) and change their
--               default_model; never tier, never another user's row, and no delete. The tier is what a user pays
--               for: only the backend (`service_role`, or the role the application connects as) sets it.
--   resources - a signed-in user may read, create, change and delete only their own rows (owner_id), and not hand
--               one to another user.
--   `anon` gets nothing on either table; `service_role` (BYPASSRLS) keeps everything. FORCE ROW LEVEL SECURITY
--   holds the table owner to the policies too unless it has BYPASSRLS (on Supabase `postgres` has it): the
--   application must connect as `postgres` or `service_role`, as for the library's flavor.
--   The example app's Flyway history table is kept out of the Data API as well (the flavor's own history table
--   is done by ExampleSupabaseFlavor once its migrations are applied; Flyway holds it while migrating).
-- Why: Supabase grants every new table of an exposed schema to anon and authenticated; through the Data API
-- (PostgREST) anyone holding the project's public anon key could otherwise set their own tier = 'enterprise', and
-- read or rewrite other users' resources.
--
-- Optional: applied only when app.supabase.enabled=true (after the library's migrations and its Supabase flavor,
-- and after the example app's own migrations), or pasted into the Supabase SQL editor after them. Needs what
-- Supabase provides: the schema `auth` with auth.uid(), the roles anon, authenticated and service_role. Undone by
-- db/example-app-supabase-rollback/U1__supabase_profiles_and_resources.sql.

alter table profiles enable row level security;
alter table profiles force row level security;

revoke all on table profiles from public, anon, authenticated;
grant select on table profiles to authenticated;
-- Column privileges: an insert naming tier, or an update of tier (or id), is refused with "permission denied".
grant insert (id, default_model) on table profiles to authenticated;
grant update (default_model) on table profiles to authenticated;
grant all on table profiles to service_role;

create policy profiles_select_own
    on profiles
    for select
    to authenticated
    using ((select auth.uid()) = id);

create policy profiles_insert_own
    on profiles
    for insert
    to authenticated
    with check ((select auth.uid()) = id and tier = 'free');

create policy profiles_update_own
    on profiles
    for update
    to authenticated
    using ((select auth.uid()) = id)
    with check ((select auth.uid()) = id);

comment on policy profiles_select_own on profiles is 'A signed-in user sees only their own profile.';
comment on policy profiles_insert_own on profiles is
    'A signed-in user may create only their own profile, and only with the default tier (free).';
comment on policy profiles_update_own on profiles is
    'A signed-in user may change only their own profile, and (column privileges) only its default_model.';

alter table resources enable row level security;
alter table resources force row level security;

revoke all on table resources from public, anon, authenticated;
grant select, insert, update, delete on table resources to authenticated;
grant all on table resources to service_role;

create policy resources_select_own
    on resources
    for select
    to authenticated
    using ((select auth.uid()) = owner_id);

create policy resources_insert_own
    on resources
    for insert
    to authenticated
    with check ((select auth.uid()) = owner_id);

create policy resources_update_own
    on resources
    for update
    to authenticated
    using ((select auth.uid()) = owner_id)
    with check ((select auth.uid()) = owner_id);

create policy resources_delete_own
    on resources
    for delete
    to authenticated
    using ((select auth.uid()) = owner_id);

comment on policy resources_select_own on resources is 'A signed-in user sees only their own resources.';
comment on policy resources_insert_own on resources is 'A signed-in user may create resources only as their own.';
comment on policy resources_update_own on resources is
    'A signed-in user may change only their own resources, and not hand one to another user.';
comment on policy resources_delete_own on resources is 'A signed-in user may delete only their own resources.';

do $$
begin
    if to_regclass('example_app_schema_history') is not null then
        alter table example_app_schema_history enable row level security;
        revoke all on table example_app_schema_history from public, anon, authenticated;
        grant all on table example_app_schema_history to service_role;
    end if;
end;
$$;
