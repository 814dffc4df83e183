-- model-access U15: undoes V15__notification_outbox.sql (drops the notification outbox and its attempts - notices
-- not delivered yet are lost). Pasteable into a SQL editor; when the library's Flyway history table is there, the
-- V15 row is removed from it as well, so that a later migrate applies V15 again.

drop table if exists model_access_outbox_attempts;
drop table if exists model_access_outbox;

do $$
begin
    if to_regclass('model_access_schema_history') is not null then
        delete from model_access_schema_history where version = '15';
    end if;
end;
$$;
