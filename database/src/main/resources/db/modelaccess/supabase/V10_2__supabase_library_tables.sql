-- model-access Supabase flavor V10.2: keeps the library's own tables out of the Data API.
--
-- What: the catalog and its history (model_access, sync_runs, model_access_events) and the Flyway history tables of
-- model-access are the backend's business, not any signed-in user's. Row level security is enabled on them with no
-- policy, and every privilege of anon and authenticated is revoked, so the Data API (PostgREST) answers "permission
-- denied" for them; service_role keeps full access. The owner (the role the library connects as) is not affected:
-- row level security is enabled but not forced here, so the catalog sync and the admin API work as before.
-- Why: Supabase's default privileges grant every new table of an exposed schema to anon and authenticated; a
-- catalog reachable that way could be read and, worse, rewritten with the project's public anon key.
--
-- Tables that are not there (an older schema) are skipped. The flavor's own Flyway history table cannot be altered
-- while Flyway holds it; SupabaseFlavor.migrate does the same to it once the migrations are applied. Optional, like
-- the whole Supabase flavor. Undone by db/modelaccess/supabase-rollback/U10_2__supabase_library_tables.sql.

do $$
declare
    library_table text;
begin
    foreach library_table in array array[
        'model_access', 'sync_runs', 'model_access_events', 'model_access_schema_history']
    loop
        if to_regclass(library_table) is not null then
            execute format('alter table %I enable row level security', library_table);
            execute format('revoke all on table %I from public, anon, authenticated', library_table);
            execute format('grant all on table %I to service_role', library_table);
        end if;
    end loop;
end;
$$;
