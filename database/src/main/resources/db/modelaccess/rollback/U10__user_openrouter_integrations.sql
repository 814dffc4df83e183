-- model-access U10: undoes V10__user_openrouter_integrations.sql - drops users' stored OpenRouter keys (they are
-- lost: users must save them again), the table's trigger and its function. When the Supabase flavor was applied,
-- run db/modelaccess/supabase-rollback/U10_1__supabase_user_openrouter_integrations.sql first (dropping the table
-- drops its policies too, but the flavor's history row would stay). Pasteable into a SQL editor; when the
-- library's Flyway history table is there, the V10 row is removed from it as well.

drop table if exists user_openrouter_integrations;
drop function if exists user_openrouter_integrations_set_updated_at();

do $$
begin
    if to_regclass('model_access_schema_history') is not null then
        delete from model_access_schema_history where version = '10';
    end if;
end;
$$;
