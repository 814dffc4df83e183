-- model-access Supabase flavor U14.1: undoes V14_1__supabase_catalog_policy_tables.sql - switches row level
-- security off on catalog_rules and model_review_holds. The privileges revoked from anon and authenticated are NOT
-- granted back (see U10_2). Pasteable into a SQL editor; removes its row from the flavor's history.

do $$
declare
    library_table text;
begin
    foreach library_table in array array['catalog_rules', 'model_review_holds']
    loop
        if to_regclass(library_table) is not null then
            execute format('alter table %I disable row level security', library_table);
        end if;
    end loop;
    if to_regclass('model_access_supabase_schema_history') is not null then
        delete from model_access_supabase_schema_history where version = '14.1';
    end if;
end;
$$;
