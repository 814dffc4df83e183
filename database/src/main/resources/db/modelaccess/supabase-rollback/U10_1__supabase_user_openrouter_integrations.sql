-- model-access Supabase flavor U10.1: undoes V10_1__supabase_user_openrouter_integrations.sql - drops the
-- policies, row level security, and the foreign key to auth.users of `user_openrouter_integrations`; the table and
-- its rows stay. Privileges: authenticated keeps nothing, anon nothing, service_role keeps its grant. Run it after
-- U10_2 and before the plain U10. Pasteable into a SQL editor; removes its row from the flavor's history.

drop policy if exists user_openrouter_integrations_select_own on user_openrouter_integrations;
drop policy if exists user_openrouter_integrations_insert_own on user_openrouter_integrations;
drop policy if exists user_openrouter_integrations_update_own on user_openrouter_integrations;
drop policy if exists user_openrouter_integrations_delete_own on user_openrouter_integrations;

alter table user_openrouter_integrations no force row level security;
alter table user_openrouter_integrations disable row level security;

revoke all on table user_openrouter_integrations from authenticated;

alter table user_openrouter_integrations drop constraint if exists user_openrouter_integrations_user_id_fkey;

do $$
begin
    if to_regclass('model_access_supabase_schema_history') is not null then
        delete from model_access_supabase_schema_history where version = '10.1';
    end if;
end;
$$;
