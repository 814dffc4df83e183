-- Example app U1: undoes V1__profiles.sql - drops `profiles` (every user's tier and default model are lost; users
-- without a row are served as free). Run it last, after U3 and U2 (and after the example app's Supabase flavor
-- rollback, when that was applied). Pasteable into a SQL editor; when the example app's Flyway history table is
-- there, the V1 row is removed from it as well. The history table itself is Flyway's and stays; drop
-- example_app_schema_history by hand if nothing of the example app is left.
--
-- If profiles existed before V1 (a host coming from the old design), V1 only added tier and default_model and the
-- tier check; to undo just that, run these three instead of the drop:
--   alter table profiles drop constraint if exists profiles_tier_check;
--   alter table profiles drop column if exists default_model;
--   alter table profiles drop column if exists tier;

drop table if exists profiles;

do $$
begin
    if to_regclass('example_app_schema_history') is not null then
        delete from example_app_schema_history where version = '1';
    end if;
end;
$$;
