-- model-access V11: what OpenRouter says about a user's key, kept with it in `user_openrouter_integrations`.
--
-- What: the details of OpenRouter's answer to GET /key when it last accepted the key: its (masked) label, its
-- spending limit and what was left of it, how the limit resets, the credit used, whether the account is on the
-- free tier, and when the key expires.
-- Why: a user (or an admin screen) sees at a glance why a key may stop working soon (limit nearly spent, an
-- expiry date) without the application asking OpenRouter on every page view. Saving a key fills them; every
-- re-verification that OpenRouter answers with an acceptance refreshes them; a refusal leaves them as they were.
--
-- All columns are nullable: rows stored before this migration have none until their key is verified again, and
-- OpenRouter leaves most of them out for some keys. None of them is the key: the label is OpenRouter's masked one.
--
-- Runs in whatever schema it is applied to. Undone by db/modelaccess/rollback/U11__user_key_details.sql.

alter table user_openrouter_integrations
    add column key_label           text,
    add column key_limit           numeric,
    add column key_limit_remaining numeric,
    add column key_limit_reset     text,
    add column key_usage           numeric,
    add column key_is_free_tier    boolean,
    add column key_expires_at      timestamptz,
    add constraint user_openrouter_integrations_key_label_check
        check (length(key_label) <= 256),
    add constraint user_openrouter_integrations_key_limit_reset_check
        check (length(key_limit_reset) <= 64);

comment on column user_openrouter_integrations.key_label is
    'The key''s label as OpenRouter shows it (masked by OpenRouter, e.g. sk-or-v1-f97...6e7); from GET /key.';
comment on column user_openrouter_integrations.key_limit is
    'The key''s spending limit in USD when OpenRouter last accepted it; null when it has none (or not known).';
comment on column user_openrouter_integrations.key_limit_remaining is
    'What was left of the spending limit in USD when OpenRouter last accepted the key; null without a limit.';
comment on column user_openrouter_integrations.key_limit_reset is
    'How the limit resets (daily, weekly, monthly); null when it does not.';
comment on column user_openrouter_integrations.key_usage is
    'Credit used by the key in USD when OpenRouter last accepted it; null when not known (rows stored before V11).';
comment on column user_openrouter_integrations.key_is_free_tier is
    'Whether the account never bought credits (OpenRouter''s is_free_tier); null when not known.';
comment on column user_openrouter_integrations.key_expires_at is
    'When the key expires; null when it does not (or not known).';
