-- model-access U1: undoes V1__model_access.sql - drops the catalog table (with its admin decisions: status and
-- tier flags), its triggers and their functions. Run the later rollback scripts first (U3, then U2, ...): objects
-- that reference model_access must go before it. Pasteable into a SQL editor; when the library's Flyway history
-- table is there, the V1 row is removed from it as well. The history table itself is Flyway's and stays; drop
-- model_access_schema_history by hand if nothing of model-access is left.

drop table if exists model_access;
drop function if exists model_access_notify_change();
drop function if exists model_access_set_updated_at();

do $$
begin
    if to_regclass('model_access_schema_history') is not null then
        delete from model_access_schema_history where version = '1';
    end if;
end;
$$;
