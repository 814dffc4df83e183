-- Upgrade from the old design, where each profile carried its own list of models:
--   profiles.allowed_models jsonb, filled at sign-up by a trigger on auth.users
--   (on_auth_user_created -> handle_new_user()) with a hard-coded list.
-- Which models a user may use is now decided by model-access (catalog status + tier flags), so the column goes,
-- and with it what does nothing but fill it. On a database that never had them this does nothing.
--
-- handle_new_user() is also the name Supabase's templates give the function that creates the profile row at
-- sign-up, so it is never dropped for its name. Each candidate - handle_new_user() and every function a trigger on
-- auth.users runs - is looked at:
--   * it does not mention allowed_models: left exactly as it is (with its trigger), sign-up keeps working;
--   * all it does is `update profiles set allowed_models = ... where id = new.id`: dropped, with the triggers
--     that run it;
--   * it mentions allowed_models and does more (say, inserts the profile row): it would fail at every sign-up once
--     the column is gone, and dropping it would stop profiles being created - the upgrade stops here, changing
--     nothing, and says what to do: rewrite the function without allowed_models, then start again.
-- Undone by db/example-app-rollback/U2__drop_legacy_allowed_models.sql (a one-way upgrade: the lists are not
-- restored).

do $$
declare
    candidate record;
    filler constant text :=
        '^\s*begin\s+update\s+(\w+\.)?profiles\s+set\s+allowed_models\s*=\s*[^;=]*\s+where\s+(\w+\.)?id\s*=\s*new\.id\s*;'
        '\s*return\s+(new|null)\s*;\s*end\s*;?\s*$';
begin
    if to_regclass('profiles') is null
            or not exists (select from pg_attribute where attrelid = 'profiles'::regclass
                           and attname = 'allowed_models' and not attisdropped) then
        return;
    end if;
    for candidate in
        select p.oid::regprocedure as fn, p.prosrc as body
        from pg_proc p
        where p.oid = to_regprocedure('handle_new_user()')
           or (to_regclass('auth.users') is not null
               and p.oid in (select t.tgfoid from pg_trigger t
                             where t.tgrelid = to_regclass('auth.users') and not t.tgisinternal))
    loop
        if candidate.body !~* 'allowed_models' then
            continue;
        end if;
        if candidate.body ~* filler then
            execute format('drop function %s cascade', candidate.fn);
            raise notice 'Dropped %, which only filled profiles.allowed_models, and its triggers', candidate.fn;
        else
            raise exception using
                errcode = 'P0001',
                message = format('%s fills profiles.allowed_models, which this upgrade removes, and does more'
                    ' (e.g. creates the profile row at sign-up): the upgrade stops and changes nothing, so that'
                    ' sign-up keeps working', candidate.fn),
                hint = format('Rewrite %s without allowed_models (for example insert into profiles (id) values'
                    ' (new.id)) with create or replace function, then start the application again; this migration'
                    ' then drops the column and leaves the function as it is', candidate.fn);
        end if;
    end loop;
end
$$;

alter table profiles drop column if exists allowed_models;
