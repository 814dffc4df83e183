-- model-access V10: users' own OpenRouter API keys, `user_openrouter_integrations` (bring your own key).
--
-- What: at most one row per user: their OpenRouter API key, encrypted by the application, with what may be shown
-- of it (the hint) and what OpenRouter last said about it (is_valid, last_verified_at).
-- Why: a backend runs models on the user's behalf with the user's own key; the key must be stored, but never in
-- clear, never readable back through the API, and never usable for another user.
--
-- The key is encrypted before it reaches the database (AES-256-GCM through Google Tink, the user id bound as
-- associated data): this table never sees it in clear, and a value copied into another user's row does not
-- decrypt. user_id is the host application's user id; no foreign key is declared here because where users live is
-- the host's business (the optional Supabase flavor, db/modelaccess/supabase, adds one to auth.users).
--
-- Runs in whatever schema it is applied to (no schema is named here). Needs PostgreSQL 13 or newer. Undone by
-- db/modelaccess/rollback/U10__user_openrouter_integrations.sql.

create table user_openrouter_integrations (
    user_id           uuid        not null,
    encrypted_api_key text        not null,
    key_hint          text        not null,
    key_id            text        not null,
    is_valid          boolean     not null default true,
    last_verified_at  timestamptz,
    is_enabled        boolean     not null default true,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),

    constraint user_openrouter_integrations_pkey primary key (user_id),
    constraint user_openrouter_integrations_encrypted_api_key_check
        check (length(encrypted_api_key) between 1 and 65536),
    constraint user_openrouter_integrations_key_hint_check
        check (length(key_hint) between 1 and 64),
    constraint user_openrouter_integrations_key_id_check
        check (length(key_id) between 1 and 64)
);

-- Looking up the key a resource may run with asks for the user's row when it is enabled; the primary key finds
-- the row on its own, this index answers the enabled check from the index as well (an index-only scan).
create index user_openrouter_integrations_user_id_is_enabled_idx
    on user_openrouter_integrations (user_id, is_enabled);

comment on table user_openrouter_integrations is
    'Users'' own OpenRouter API keys (bring your own key), one row per user, encrypted by the application: never '
    'in clear here. Written by model-access.';
comment on column user_openrouter_integrations.user_id is
    'The host application''s user id (e.g. Supabase auth.users.id).';
comment on column user_openrouter_integrations.encrypted_api_key is
    'The key, encrypted with AES-256-GCM (Google Tink) with the user id as associated data: '
    'v1:<key id>:<base64 of 0x01 ‖ key id ‖ IV ‖ ciphertext ‖ tag>. Does not decrypt in another user''s row.';
comment on column user_openrouter_integrations.key_hint is
    'What may be shown of the key: its prefix and last three characters, e.g. sk-or-v1-…6e7.';
comment on column user_openrouter_integrations.key_id is
    'Id of the encryption key encrypted_api_key is under (the Tink key id, also visible in the value); rows not '
    'under the primary key are moved by the re-encrypt job after a rotation.';
comment on column user_openrouter_integrations.is_valid is
    'Whether OpenRouter accepted the key when last asked (false once OpenRouter refuses it, e.g. revoked).';
comment on column user_openrouter_integrations.last_verified_at is
    'When OpenRouter last gave a definite answer about the key (an outage does not count).';
comment on column user_openrouter_integrations.is_enabled is
    'Whether the user lets the key be used; a disabled key is kept but not used.';
comment on column user_openrouter_integrations.created_at is
    'When the user first stored a key (kept when they replace it).';
comment on column user_openrouter_integrations.updated_at is
    'When the row last changed; kept by the trigger user_openrouter_integrations_set_updated_at.';

-- updated_at follows every change. The function is this table's own (no other migration's function is assumed).
create function user_openrouter_integrations_set_updated_at() returns trigger
    language plpgsql
as
$$
begin
    new.updated_at := now();
    return new;
end;
$$;

comment on function user_openrouter_integrations_set_updated_at() is
    'Sets updated_at of a user_openrouter_integrations row to now() on every update.';

create trigger user_openrouter_integrations_set_updated_at
    before update on user_openrouter_integrations
    for each row
execute function user_openrouter_integrations_set_updated_at();
