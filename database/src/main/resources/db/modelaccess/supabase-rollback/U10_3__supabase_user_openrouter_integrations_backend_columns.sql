-- model-access Supabase flavor U10.3: undoes V10_3__supabase_user_openrouter_integrations_backend_columns.sql -
-- gives `authenticated` INSERT and UPDATE on all of `user_openrouter_integrations` again (as V10.1 left them; the
-- row policies still hold them to their own row) and restores the policies' comments. Run it before U10_2 and
-- U10_1. Pasteable into a SQL editor; removes its row from the flavor's history.

revoke update (is_enabled) on table user_openrouter_integrations from authenticated;
grant insert, update on table user_openrouter_integrations to authenticated;

comment on policy user_openrouter_integrations_insert_own on user_openrouter_integrations is
    'A signed-in user may create only their own row.';
comment on policy user_openrouter_integrations_update_own on user_openrouter_integrations is
    'A signed-in user may change only their own row, and not hand it to another user.';

do $$
begin
    if to_regclass('model_access_supabase_schema_history') is not null then
        delete from model_access_supabase_schema_history where version = '10.3';
    end if;
end;
$$;
