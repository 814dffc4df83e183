-- model-access Supabase flavor V14.1: keeps the catalog policy's tables (catalog_rules, model_review_holds, from
-- V14) out of the Data API, as V10.2 does for the library's other tables.
--
-- What: row level security enabled with no policy, every privilege of anon and authenticated revoked, full access
-- for service_role. The owner (the role the library connects as) is not affected.
-- Why: Supabase's default privileges grant every new table of an exposed schema to anon and authenticated; rules
-- reachable that way could be rewritten with the project's public anon key, and would approve models by themselves.
--
-- Tables that are not there are skipped. Optional, like the whole Supabase flavor. Undone by
-- db/modelaccess/supabase-rollback/U14_1__supabase_catalog_policy_tables.sql.

do $$
declare
    library_table text;
begin
    foreach library_table in array array['catalog_rules', 'model_review_holds']
    loop
        if to_regclass(library_table) is not null then
            execute format('alter table %I enable row level security', library_table);
            execute format('revoke all on table %I from public, anon, authenticated', library_table);
            execute format('grant all on table %I to service_role', library_table);
        end if;
    end loop;
end;
$$;
