-- model-access Supabase flavor V16.1: keeps the successors and tier defaults (V16) out of the Data API, like V10.2
-- does for the other library tables: row level security enabled with no policy, every privilege of anon and
-- authenticated revoked, service_role keeps full access; the owner (the role the library connects as) is not
-- affected. Tables that are not there are skipped. Undone by
-- db/modelaccess/supabase-rollback/U16_1__supabase_succession_tables.sql.

do $$
declare
    library_table text;
begin
    foreach library_table in array array['model_successors', 'tier_defaults']
    loop
        if to_regclass(library_table) is not null then
            execute format('alter table %I enable row level security', library_table);
            execute format('revoke all on table %I from public, anon, authenticated', library_table);
            execute format('grant all on table %I to service_role', library_table);
        end if;
    end loop;
end;
$$;
