-- The example app's user profiles: the tier a user pays for and the model they chose as default.
-- model-access reads them through its UserProfiles port (modelaccess.profiles.* names the table and columns).
-- Written to also upgrade a profiles table that already exists (hosts coming from the old design).

create table if not exists profiles (
    id uuid primary key
);

alter table profiles add column if not exists tier text not null default 'free';
alter table profiles add column if not exists default_model text;

do $$
begin
    if not exists (select 1 from pg_constraint where conname = 'profiles_tier_check'
                   and conrelid = 'profiles'::regclass) then
        alter table profiles add constraint profiles_tier_check check (tier in ('free', 'pro', 'enterprise'));
    end if;
end
$$;

comment on table profiles is 'Users of the example app: tier and default model. id is the JWT sub.';
comment on column profiles.tier is 'free, pro or enterprise: decides which approved models the user may use';
comment on column profiles.default_model is 'OpenRouter model id the user chose; offered only while their tier may use it';
