-- model-access V14: the admin's catalog policy - `catalog_rules` and `model_review_holds` - and the history kinds
-- they write.
--
-- What: `catalog_rules` is the admin's ordered list of rules deciding the models a sync adds (first match wins):
-- what each matches (author globs, a model-id glob, free, an input or output modality, price ceilings per million
-- tokens, a minimum context length; every given criterion must hold) and what it does (approve with tier flags,
-- disable, or review = leave `new`). `model_review_holds` holds, per active model, the price change a sync flagged
-- (a rise beyond the configured factor, or a free model that became paid) until an admin clears it.
-- model_access_events gains three kinds: left_for_review (a rule's review action), price_hold and hold_cleared.
-- Why: the admin's policy runs the review lifecycle; clicks handle only the exceptions. A change to the rules
-- notifies `model_access_changed` like a change to the catalog, so every instance reloads its cached rules before
-- its next sync.
--
-- Globs are star-only (no regular expressions: matching stays linear); the application validates them, the table
-- keeps what the application wrote. Runs in whatever schema it is applied to. Undone by
-- db/modelaccess/rollback/U14__catalog_policy.sql.

create table catalog_rules (
    position             integer     not null,
    name                 text        not null,
    author_globs         text[]      not null default '{}',
    model_glob           text,
    free                 boolean,
    input_modality       text,
    output_modality      text,
    max_prompt_price     numeric,
    max_completion_price numeric,
    min_context_length   bigint,
    action               text        not null,
    is_free              boolean     not null default false,
    is_pro               boolean     not null default false,
    is_enterprise        boolean     not null default false,
    updated_at           timestamptz not null default now(),

    constraint catalog_rules_pkey primary key (position),
    constraint catalog_rules_name_key unique (name),
    constraint catalog_rules_position_check check (position >= 0),
    constraint catalog_rules_name_check check (length(name) between 1 and 100),
    constraint catalog_rules_action_check check (action in ('approve', 'disable', 'review')),
    constraint catalog_rules_tiers_only_on_approve_check
        check (action = 'approve' or not (is_free or is_pro or is_enterprise)),
    constraint catalog_rules_prices_check
        check (coalesce(max_prompt_price, 0) >= 0 and coalesce(max_completion_price, 0) >= 0),
    constraint catalog_rules_min_context_length_check check (coalesce(min_context_length, 0) >= 0)
);

comment on table catalog_rules is
    'model-access: the admin''s catalog rules, in order; the first that matches decides a model a sync adds.';
comment on column catalog_rules.position is 'The rule''s place in the list, from 0; the first match wins.';
comment on column catalog_rules.name is 'Unique; the rule''s decisions are recorded in model_access_events as rule:<name>.';
comment on column catalog_rules.author_globs is
    'The model''s author (the id before /, without a leading ~) matches one of these star globs; empty: any author.';
comment on column catalog_rules.model_glob is 'The whole model id matches this star glob; null: any id.';
comment on column catalog_rules.free is
    'true: the model is free (a :free id, or every price zero); false: it is not; null: either.';
comment on column catalog_rules.input_modality is 'The model''s input modalities contain this one; null: any.';
comment on column catalog_rules.output_modality is 'The model''s output modalities contain this one; null: any.';
comment on column catalog_rules.max_prompt_price is
    'The prompt price is known and at most this many USD per million tokens (exact decimal); null: any.';
comment on column catalog_rules.max_completion_price is
    'The completion price is known and at most this many USD per million tokens (exact decimal); null: any.';
comment on column catalog_rules.min_context_length is 'The context length is known and at least this; null: any.';
comment on column catalog_rules.action is 'approve (status active with the tier flags), disable, or review (stays new).';
comment on column catalog_rules.is_free is 'approve only: the model is opened to the free tier.';
comment on column catalog_rules.updated_at is 'When the rule set holding this rule was saved.';

create trigger catalog_rules_notify_change
    after insert or update or delete or truncate on catalog_rules
    for each statement
execute function model_access_notify_change();

create table model_review_holds (
    model_id       text        not null,
    reason         text        not null,
    old_prompt     numeric,
    old_completion numeric,
    new_prompt     numeric,
    new_completion numeric,
    held_at        timestamptz not null,
    first_held_at  timestamptz not null,

    constraint model_review_holds_pkey primary key (model_id),
    constraint model_review_holds_reason_check check (reason in ('price_rose', 'became_paid'))
);

comment on table model_review_holds is
    'model-access: active models a sync flagged for review because their price moved, until an admin clears them.';
comment on column model_review_holds.model_id is 'The OpenRouter model id (model_access.model_id).';
comment on column model_review_holds.reason is
    'price_rose (prompt or completion rose beyond the factor) or became_paid (a free model became paid).';
comment on column model_review_holds.old_prompt is
    'The prompt price per token before the first rise not yet reviewed; null: not charged.';
comment on column model_review_holds.new_prompt is 'The prompt price per token as of the latest hold.';
comment on column model_review_holds.held_at is 'When the latest hold was placed.';
comment on column model_review_holds.first_held_at is 'When the model was first held since it was last cleared.';

alter table model_access_events
    drop constraint model_access_events_kind_check,
    add constraint model_access_events_kind_check
        check (kind in ('added', 'removed', 'returned', 'price_changed', 'metadata_changed', 'status_changed',
                        'tiers_changed', 'left_for_review', 'price_hold', 'hold_cleared'));

comment on column model_access_events.kind is
    'added, removed, returned, price_changed, metadata_changed, price_hold (catalog sync); status_changed, '
    'tiers_changed (admin, catalog rule or sync); left_for_review (catalog rule); hold_cleared (admin).';
comment on column model_access_events.actor is
    'sync for the catalog sync, rule:<name> for a catalog rule, else the admin''s user id.';
