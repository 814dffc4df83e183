-- model-access U3: undoes V3__model_access_events.sql (drops the history of every model - export it first if it
-- matters). Pasteable into a SQL editor; when the library's Flyway history table is there, the V3 row is removed
-- from it as well, so that a later migrate applies V3 again.

drop table if exists model_access_events;

do $$
begin
    if to_regclass('model_access_schema_history') is not null then
        delete from model_access_schema_history where version = '3';
    end if;
end;
$$;
