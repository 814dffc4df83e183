-- Upgrade from the old design, where each profile carried its own list of models:
--   profiles.allowed_models jsonb, filled on first login by a trigger on auth.users
--   (on_auth_user_created → handle_new_user()) with a hard-coded list.
-- Which models a user may use is now decided by model-access (catalog status + tier flags), so the column, the
-- trigger and its function go. Every step is IF EXISTS: on a database that never had them this does nothing.

alter table profiles drop column if exists allowed_models;

do $$
begin
    if to_regclass('auth.users') is not null then
        execute 'drop trigger if exists on_auth_user_created on auth.users';
    end if;
end
$$;

-- CASCADE drops only what depends on the function: the first-login trigger, whatever it was named.
drop function if exists handle_new_user() cascade;
