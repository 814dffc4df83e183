-- model-access Supabase flavor U16.1: undoes V16_1__supabase_succession_tables.sql - switches row level security off
-- on model_successors and tier_defaults. The privileges revoked from anon and authenticated are NOT granted back.
-- Pasteable into a SQL editor; removes its row from the flavor's history.

do $$
declare
    library_table text;
begin
    foreach library_table in array array['model_successors', 'tier_defaults']
    loop
        if to_regclass(library_table) is not null then
            execute format('alter table %I disable row level security', library_table);
        end if;
    end loop;
    if to_regclass('model_access_supabase_schema_history') is not null then
        delete from model_access_supabase_schema_history where version = '16.1';
    end if;
end;
$$;
