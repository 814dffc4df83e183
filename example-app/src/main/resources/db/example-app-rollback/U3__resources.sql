-- Example app U3: undoes V3__resources.sql - drops users' resources (they are lost), the table's trigger and its
-- function. Pasteable into a SQL editor; when the example app's Flyway history table is there, the V3 row is
-- removed from it as well, so the next start applies V3 again.

drop table if exists resources;
drop function if exists resources_set_updated_at();

do $$
begin
    if to_regclass('example_app_schema_history') is not null then
        delete from example_app_schema_history where version = '3';
    end if;
end;
$$;
