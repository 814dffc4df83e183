-- model-access Supabase flavor V10.1: row level security for `user_openrouter_integrations`.
--
-- What: ties each row to a Supabase user (foreign key to auth.users, deleted with the user) and lets the
-- `authenticated` role reach only its own row, for select, insert, update and delete, with
-- `(select auth.uid()) = user_id` (auth.uid() read once per statement, not once per row). `anon` gets nothing;
-- `service_role` (BYPASSRLS) keeps full access for the backend.
-- Why: on Supabase every table of an exposed schema is reachable through the Data API (PostgREST) with the
-- project's public anon key; without this, anyone could read or overwrite every user's row.
--
-- FORCE ROW LEVEL SECURITY makes the policies hold for the table owner too, unless the owner has BYPASSRLS (on
-- Supabase, `postgres` and `service_role` have it): the backend must connect as one of those.
--
-- Optional: applied only when the Supabase flavor is asked for (location db/modelaccess/supabase, after the plain
-- migrations up to V10), or pasted into the Supabase SQL editor. Needs what Supabase provides: the schema `auth`
-- with auth.users and auth.uid(), and the roles anon, authenticated and service_role. Undone by
-- db/modelaccess/supabase-rollback/U10_1__supabase_user_openrouter_integrations.sql.

alter table user_openrouter_integrations
    add constraint user_openrouter_integrations_user_id_fkey
        foreign key (user_id) references auth.users (id) on delete cascade;

alter table user_openrouter_integrations enable row level security;
alter table user_openrouter_integrations force row level security;

-- Supabase's default privileges grant every new table to anon, authenticated and service_role: take them back
-- from anon (and from PUBLIC), keep exactly what the policies below are for.
revoke all on table user_openrouter_integrations from public;
revoke all on table user_openrouter_integrations from anon;
revoke all on table user_openrouter_integrations from authenticated;
grant select, insert, update, delete on table user_openrouter_integrations to authenticated;
grant all on table user_openrouter_integrations to service_role;

create policy user_openrouter_integrations_select_own
    on user_openrouter_integrations
    for select
    to authenticated
    using ((select auth.uid()) = user_id);

create policy user_openrouter_integrations_insert_own
    on user_openrouter_integrations
    for insert
    to authenticated
    with check ((select auth.uid()) = user_id);

create policy user_openrouter_integrations_update_own
    on user_openrouter_integrations
    for update
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);

create policy user_openrouter_integrations_delete_own
    on user_openrouter_integrations
    for delete
    to authenticated
    using ((select auth.uid()) = user_id);

comment on policy user_openrouter_integrations_select_own on user_openrouter_integrations is
    'A signed-in user sees only their own row.';
comment on policy user_openrouter_integrations_insert_own on user_openrouter_integrations is
    'A signed-in user may create only their own row.';
comment on policy user_openrouter_integrations_update_own on user_openrouter_integrations is
    'A signed-in user may change only their own row, and not hand it to another user.';
comment on policy user_openrouter_integrations_delete_own on user_openrouter_integrations is
    'A signed-in user may delete only their own row.';
