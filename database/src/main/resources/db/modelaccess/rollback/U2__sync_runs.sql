-- model-access U2: undoes V2__sync_runs.sql (drops the record of every sync run). Pasteable into a SQL editor;
-- when the library's Flyway history table is there, the V2 row is removed from it as well.

drop table if exists sync_runs;

do $$
begin
    if to_regclass('model_access_schema_history') is not null then
        delete from model_access_schema_history where version = '2';
    end if;
end;
$$;
