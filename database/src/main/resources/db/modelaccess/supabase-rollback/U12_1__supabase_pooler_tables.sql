-- model-access Supabase flavor U12.1: undoes V12_1__supabase_pooler_tables.sql - switches row level security off
-- on the job leases and the catalog version. The privileges revoked from anon and authenticated are NOT granted
-- back (see U10_2). Pasteable into a SQL editor; removes its row from the flavor's history.

do $$
declare
    library_table text;
begin
    foreach library_table in array array['model_access_job_leases', 'model_access_catalog_version']
    loop
        if to_regclass(library_table) is not null then
            execute format('alter table %I disable row level security', library_table);
        end if;
    end loop;
    if to_regclass('model_access_supabase_schema_history') is not null then
        delete from model_access_supabase_schema_history where version = '12.1';
    end if;
end;
$$;
