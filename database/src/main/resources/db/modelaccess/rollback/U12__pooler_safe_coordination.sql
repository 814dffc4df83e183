-- model-access U12: undoes V12__pooler_safe_coordination.sql - drops the job leases and the catalog version (the
-- jobs and the change detection of the library at V11 do not use them). Pasteable into a SQL editor; when the
-- library's Flyway history table is there, the V12 row is removed from it as well.

drop trigger if exists model_access_bump_catalog_version_on_truncate on model_access;
drop trigger if exists model_access_bump_catalog_version on model_access;
drop function if exists model_access_bump_catalog_version();
drop table if exists model_access_catalog_version;
drop table if exists model_access_job_leases;

do $$
begin
    if to_regclass('model_access_schema_history') is not null then
        delete from model_access_schema_history where version = '12';
    end if;
end;
$$;
