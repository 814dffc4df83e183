-- Example app V3: model-bound resources, `resources` (SPEC §7).
--
-- What: things a user configures once against a catalog model and runs later with their own OpenRouter key. The
-- only type so far is openrouter_instant: one chat completion with a stored system prompt and sampling parameters
-- (openrouter_config), on the catalog row openrouter_model_id points at.
-- Why the foreign key: an admin (or plain SQL) may delete a model_access row; the resource stays, its
-- openrouter_model_id becomes null (ON DELETE SET NULL) and running it answers a clear error instead of running a
-- model the catalog no longer knows. Whether the owner's tier may use the model is checked at run time, not here.
--
-- Needs the library's migrations first (model_access): the example app applies them before its own. owner_id is
-- the JWT sub; no foreign key, because users live in the identity provider (on Supabase, add one to auth.users).
-- Undone by db/example-app-rollback/U3__resources.sql.

create table resources (
    id                  uuid        not null default gen_random_uuid(),
    owner_id            uuid        not null,
    name                text        not null,
    resource_type       text        not null,
    openrouter_model_id uuid,
    openrouter_config   jsonb,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),

    constraint resources_pkey primary key (id),
    constraint resources_name_check check (char_length(name) between 1 and 200),
    constraint resources_resource_type_check check (resource_type in ('openrouter_instant')),
    constraint resources_openrouter_model_id_fkey foreign key (openrouter_model_id)
        references model_access (id) on delete set null,
    constraint resources_openrouter_config_check check (
        openrouter_config is null
        or (jsonb_typeof(openrouter_config) = 'object' and pg_column_size(openrouter_config) <= 65536)),
    constraint resources_openrouter_instant_config_check
        check (resource_type <> 'openrouter_instant' or openrouter_config is not null)
);

-- A user's resources, newest first: GET /api/resources.
create index resources_owner_id_created_at_idx on resources (owner_id, created_at);

-- Deleting a model_access row sets openrouter_model_id to null in the rows pointing at it; without an index that
-- is a scan of the whole table per deleted model.
create index resources_openrouter_model_id_idx on resources (openrouter_model_id)
    where openrouter_model_id is not null;

comment on table resources is
    'Model-bound resources of the example app: a user''s configured runs of one catalog model with their own key.';
comment on column resources.owner_id is 'The user the resource belongs to (the JWT sub); only they see it.';
comment on column resources.name is 'Shown to the owner; 1 to 200 characters.';
comment on column resources.resource_type is 'openrouter_instant: one chat completion on openrouter_model_id.';
comment on column resources.openrouter_model_id is
    'The model_access row the resource runs; null once that row was deleted (the resource no longer runs).';
comment on column resources.openrouter_config is
    '{"modelId", "systemPrompt", "params": {"temperature", "maxTokens", "topP", "topK", "frequencyPenalty", '
    '"presencePenalty"}}, validated by the application (model-access OpenRouterInstantConfig).';
comment on column resources.created_at is 'When the resource was created.';
comment on column resources.updated_at is 'When the row was last written (kept by a trigger).';

create function resources_set_updated_at() returns trigger
    language plpgsql
as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

comment on function resources_set_updated_at() is 'Example app: keeps resources.updated_at.';

create trigger resources_set_updated_at
    before update on resources
    for each row
execute function resources_set_updated_at();
