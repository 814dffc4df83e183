-- model-access Supabase flavor V12.1: keeps the tables of V12 (job leases, catalog version) out of the Data API.
--
-- What: row level security enabled with no policy, and every privilege of anon and authenticated revoked, on
-- model_access_job_leases and model_access_catalog_version - as V10_2 does for the library's other tables;
-- service_role keeps full access, and the owner (the role the library connects as) is not affected.
-- Why: Supabase's default privileges grant every new table of an exposed schema to anon and authenticated; a job
-- lease reachable that way could be taken, blocking the key maintenance, with the project's public anon key.
--
-- Tables that are not there are skipped. Optional, like the whole Supabase flavor. Undone by
-- db/modelaccess/supabase-rollback/U12_1__supabase_pooler_tables.sql.

do $$
declare
    library_table text;
begin
    foreach library_table in array array['model_access_job_leases', 'model_access_catalog_version']
    loop
        if to_regclass(library_table) is not null then
            execute format('alter table %I enable row level security', library_table);
            execute format('revoke all on table %I from public, anon, authenticated', library_table);
            execute format('grant all on table %I to service_role', library_table);
        end if;
    end loop;
end;
$$;
