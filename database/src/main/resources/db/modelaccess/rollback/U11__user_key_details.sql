-- model-access U11: undoes V11__user_key_details.sql - drops the details OpenRouter gave about users' keys (they
-- come back on the next verification after V11 is applied again). The keys themselves stay. Pasteable into a SQL
-- editor; when the library's Flyway history table is there, the V11 row is removed from it as well.

alter table if exists user_openrouter_integrations
    drop column if exists key_label,
    drop column if exists key_limit,
    drop column if exists key_limit_remaining,
    drop column if exists key_limit_reset,
    drop column if exists key_usage,
    drop column if exists key_is_free_tier,
    drop column if exists key_expires_at;

do $$
begin
    if to_regclass('model_access_schema_history') is not null then
        delete from model_access_schema_history where version = '11';
    end if;
end;
$$;
