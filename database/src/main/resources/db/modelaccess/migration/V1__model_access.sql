-- model-access V1: the catalog table `model_access`.
--
-- What: one row per OpenRouter model the application knows about. The catalog sync owns the upstream columns
-- (everything OpenRouter describes: name, pricing, architecture, ...) and the moves to and from `inactive`; the
-- admin owns the status otherwise (`new` -> `active` | `disabled`, `active` <-> `disabled`) and the tier flags.
-- Why: the application decides which models each plan may use; OpenRouter's list only says what exists.
--
-- Runs in whatever schema it is applied to (no schema is named here), so it can be applied by Flyway with the
-- library's own history table or pasted into a SQL editor (e.g. Supabase) by hand. Needs PostgreSQL 13 or newer
-- (gen_random_uuid() is built in from 13 on). Undone by db/modelaccess/rollback/U1__model_access.sql.

create table model_access (
    id                                 uuid        not null default gen_random_uuid(),
    model_id                           text        not null,
    -- upstream columns, written only by the catalog sync
    canonical_slug                     text,
    name                               text,
    provider                           text        not null,
    description                        text,
    created                            timestamptz,
    context_length                     bigint,
    modality                           text,
    input_modalities                   text[]      not null default '{}',
    output_modalities                  text[]      not null default '{}',
    tokenizer                          text,
    instruct_type                      text,
    top_provider_context_length        bigint,
    top_provider_max_completion_tokens bigint,
    top_provider_is_moderated          boolean,
    supported_parameters               text[]      not null default '{}',
    hugging_face_id                    text,
    expiration_date                    text,
    knowledge_cutoff                   text,
    pricing_prompt                     numeric,
    pricing_completion                 numeric,
    pricing                            jsonb       not null default '{}',
    upstream                           jsonb       not null,
    upstream_sha256                    text        not null,
    first_seen_at                      timestamptz not null default now(),
    last_seen_at                       timestamptz not null default now(),
    removed_at                         timestamptz,
    -- lifecycle: `new` on arrival, `inactive` while gone upstream (sync); `active` / `disabled` (admin)
    status                             text        not null default 'new',
    status_before_inactive             text,
    status_changed_at                  timestamptz not null default now(),
    -- admin columns, never written by the sync
    is_free                            boolean     not null default false,
    is_pro                             boolean     not null default false,
    is_enterprise                      boolean     not null default false,
    reviewed_by                        text,
    reviewed_at                        timestamptz,
    created_at                         timestamptz not null default now(),
    updated_at                         timestamptz not null default now(),

    constraint model_access_pkey primary key (id),
    -- model_id is unique. The constraint is kept with a hash index rather than a b-tree, because a b-tree entry
    -- cannot exceed about 2.7 kB and an id comes from upstream: one absurd id must not make every sync fail.
    constraint model_access_model_id_key exclude using hash (model_id with =),
    constraint model_access_status_check
        check (status in ('new', 'active', 'inactive', 'disabled')),
    constraint model_access_status_before_inactive_check
        check (status_before_inactive in ('new', 'active', 'disabled')),
    constraint model_access_status_before_inactive_only_while_inactive_check
        check (status_before_inactive is null or status = 'inactive'),
    constraint model_access_pricing_is_object_check
        check (jsonb_typeof(pricing) = 'object'),
    constraint model_access_upstream_is_object_check
        check (jsonb_typeof(upstream) = 'object'),
    constraint model_access_upstream_sha256_check
        check (upstream_sha256 ~ '^[0-9a-f]{64}$')
);

-- Lookups by model_id use the hash index of model_access_model_id_key. The admin list and the models a tier may
-- use filter by status. No b-tree index holds model_id (see above), so pages in model_id order are sorted, which at
-- catalog sizes (hundreds of rows, tens of thousands at most) takes milliseconds. The admin's text search is a
-- case-insensitive substring match on model_id and name, which no b-tree index could serve anyway; a trigram index
-- would need the pg_trgm extension and is not worth it at these sizes.
create index model_access_status_idx on model_access (status);

comment on table model_access is
    'The model catalog: one row per OpenRouter model. The catalog sync owns the upstream columns and the moves to '
    'and from inactive; admins own the status otherwise and the tier flags. Written by model-access.';
comment on column model_access.id is 'Surrogate key, stable for the life of the row (referenced by other tables).';
comment on column model_access.model_id is
    'The OpenRouter model id, routable as is: e.g. openai/gpt-4o, meta-llama/llama-3.3-70b-instruct:free, '
    '~openai/gpt-mini-latest.';
comment on column model_access.canonical_slug is
    'Upstream canonical_slug; several ids (e.g. a :free variant) may share one.';
comment on column model_access.name is 'Upstream display name.';
comment on column model_access.provider is 'The author part of model_id (openai for openai/gpt-4o and ~openai/gpt-mini-latest).';
comment on column model_access.description is 'Upstream description.';
comment on column model_access.created is 'When upstream says the model was published (upstream created, Unix seconds).';
comment on column model_access.context_length is 'Upstream context_length, in tokens.';
comment on column model_access.modality is 'Upstream architecture.modality, e.g. text+image->text.';
comment on column model_access.input_modalities is 'Upstream architecture.input_modalities.';
comment on column model_access.output_modalities is 'Upstream architecture.output_modalities.';
comment on column model_access.tokenizer is 'Upstream architecture.tokenizer.';
comment on column model_access.instruct_type is
    'Upstream architecture.instruct_type, kept as sent: null and the text none both occur and differ.';
comment on column model_access.top_provider_context_length is 'Upstream top_provider.context_length.';
comment on column model_access.top_provider_max_completion_tokens is 'Upstream top_provider.max_completion_tokens.';
comment on column model_access.top_provider_is_moderated is 'Upstream top_provider.is_moderated.';
comment on column model_access.supported_parameters is 'Upstream supported_parameters.';
comment on column model_access.hugging_face_id is 'Upstream hugging_face_id (null and empty text both occur).';
comment on column model_access.expiration_date is 'Upstream expiration_date, as sent.';
comment on column model_access.knowledge_cutoff is 'Upstream knowledge_cutoff, as sent.';
comment on column model_access.pricing_prompt is
    'Upstream pricing.prompt in USD per token, exact (-1 means variable price); null when not charged.';
comment on column model_access.pricing_completion is
    'Upstream pricing.completion in USD per token, exact (-1 means variable price); null when not charged.';
comment on column model_access.pricing is
    'Every upstream price component as a decimal string exactly as sent ({"prompt": "0.000001", ...}), plus '
    '"overrides": an array of objects of decimal strings. A component that is absent is not charged.';
comment on column model_access.upstream is
    'The whole upstream JSON object of the model, so fields added upstream later are not lost.';
comment on column model_access.upstream_sha256 is
    'SHA-256 (hex) of the canonical upstream JSON: a sync rewrites the row only when this changes.';
comment on column model_access.first_seen_at is 'When a sync first inserted the model.';
comment on column model_access.last_seen_at is
    'When a sync last wrote upstream data for the model (inserted, refreshed or returned). A sync that finds the '
    'model unchanged does not write the row, so this can be older than the last run; see sync_runs.';
comment on column model_access.removed_at is 'When the model went inactive (gone upstream); null otherwise.';
comment on column model_access.status is
    'new (arrived, not reviewed), active (usable by the tiers whose flag is set), inactive (gone upstream), '
    'disabled (switched off by an admin). Only active models are usable.';
comment on column model_access.status_before_inactive is
    'While inactive: the status to restore when the model comes back upstream. Null otherwise.';
comment on column model_access.status_changed_at is 'When status last changed.';
comment on column model_access.is_free is 'Admin: usable by the free tier (when active).';
comment on column model_access.is_pro is 'Admin: usable by the pro tier (when active).';
comment on column model_access.is_enterprise is 'Admin: usable by the enterprise tier (when active).';
comment on column model_access.reviewed_by is 'The admin (user id) who last changed the status or the tier flags.';
comment on column model_access.reviewed_at is 'When an admin last changed the status or the tier flags.';
comment on column model_access.created_at is 'When the row was inserted.';
comment on column model_access.updated_at is 'When the row was last written (kept by a trigger).';

-- updated_at is kept by the database, so plain SQL edits keep it right too.
create function model_access_set_updated_at() returns trigger
    language plpgsql
as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

comment on function model_access_set_updated_at() is 'model-access: keeps model_access.updated_at.';

create trigger model_access_set_updated_at
    before update on model_access
    for each row
execute function model_access_set_updated_at();

-- Every change to model_access - from the sync, the admin API or plain SQL - notifies the channel
-- `model_access_changed` once per statement, so each application instance listening there reloads its cached
-- access rules within moments. The payload is small: {"schema": "<schema>", "op": "insert|update|delete|truncate"}.
-- PostgreSQL delivers it only when the transaction commits, and once per distinct payload per transaction.
create function model_access_notify_change() returns trigger
    language plpgsql
as $$
begin
    perform pg_notify(
        'model_access_changed',
        json_build_object('schema', tg_table_schema, 'op', lower(tg_op))::text);
    return null;
end;
$$;

comment on function model_access_notify_change() is
    'model-access: notifies the channel model_access_changed after each statement that changes model_access.';

create trigger model_access_notify_change
    after insert or update or delete or truncate on model_access
    for each statement
execute function model_access_notify_change();
