-- Example app, Supabase flavor U1: undoes V1__supabase_profiles_and_resources.sql - drops the policies and row level
-- security of `profiles` and `resources` and switches it off on the example app's history tables; the tables and
-- their rows stay. Privileges: authenticated and anon keep nothing, service_role keeps its grant (what they had
-- before cannot be known; Supabase's defaults, `grant all ... to anon, authenticated`, are what this flavor is
-- against). Pasteable into a SQL editor; removes its row from the flavor's history.

drop policy if exists profiles_select_own on profiles;
drop policy if exists profiles_insert_own on profiles;
drop policy if exists profiles_update_own on profiles;
alter table profiles no force row level security;
alter table profiles disable row level security;
revoke all on table profiles from authenticated;

drop policy if exists resources_select_own on resources;
drop policy if exists resources_insert_own on resources;
drop policy if exists resources_update_own on resources;
drop policy if exists resources_delete_own on resources;
alter table resources no force row level security;
alter table resources disable row level security;
revoke all on table resources from authenticated;

do $$
declare
    history_table text;
begin
    foreach history_table in array array['example_app_schema_history', 'example_app_supabase_schema_history']
    loop
        if to_regclass(history_table) is not null then
            execute format('alter table %I disable row level security', history_table);
        end if;
    end loop;
    if to_regclass('example_app_supabase_schema_history') is not null then
        delete from example_app_supabase_schema_history where version = '1';
    end if;
end;
$$;
