-- model-access Supabase flavor U10.2: undoes V10_2__supabase_library_tables.sql - switches row level security off
-- on the library's own tables. The privileges revoked from anon and authenticated are NOT granted back (the
-- script cannot know what they were; Supabase's defaults would be `grant all ... to anon, authenticated`, which
-- this library advises against). Pasteable into a SQL editor; removes its row from the flavor's history.

do $$
declare
    library_table text;
begin
    foreach library_table in array array[
        'model_access', 'sync_runs', 'model_access_events',
        'model_access_schema_history', 'model_access_supabase_schema_history']
    loop
        if to_regclass(library_table) is not null then
            execute format('alter table %I disable row level security', library_table);
        end if;
    end loop;
    if to_regclass('model_access_supabase_schema_history') is not null then
        delete from model_access_supabase_schema_history where version = '10.2';
    end if;
end;
$$;
