-- model-access V13: indexes that serve the admin console's orders and filters on a catalog of 50,000 models.
--
-- What: two stored generated columns that the console sorts by (`list_key`, the model id cut to 256 characters, and
-- `prompt_price_rank`, the prompt price as the console orders it), one b-tree index per order the console offers
-- (each ending in the id so that ties are ordered and pages are stable, each carrying `status` so that a status
-- filter and the deep pages are answered from the index alone), one index for the provider and modality filters,
-- and - when the pg_trgm extension can be had - trigram indexes for the free-text search on model_id and name.
-- Why: with only `model_access_status_idx`, every console page sorted all matching rows (480 ms for the first
-- screen at 50,000 models, 642 ms for a text search, 547 ms for page 400 of "longest context first").
--
-- model_id itself is never in a b-tree (see V1: an entry cannot exceed about 2.7 kB and ids come from upstream), so
-- the orders end in `list_key, id`: by model id for every id up to 256 characters; ids longer than that which share
-- their first 256 characters follow each other in a stable but otherwise unspecified order.
--
-- pg_trgm is a standard contrib extension. When it is not installed yet, this migration creates it in `public`
-- (it is a trusted extension: a role with CREATE on the database may); when that is not allowed or the extension is
-- not available, it says so with a NOTICE and creates no trigram index. The search is the same either way
-- (ILIKE with %, _ and \ escaped); only its speed on large catalogs differs. Creating the indexes later by hand:
--   create index model_access_model_id_trgm_idx on model_access using gin (model_id gin_trgm_ops);
--   create index model_access_name_trgm_idx on model_access using gin (name gin_trgm_ops);
--
-- Adding the generated columns rewrites model_access once (seconds at 50,000 rows, under an exclusive lock).
-- Runs in whatever schema it is applied to. Undone by db/modelaccess/rollback/U13__catalog_at_scale.sql.

alter table model_access
    add column list_key text generated always as (left(model_id, 256)) stored,
    add column prompt_price_rank numeric generated always as (
        case when pricing_prompt < 0 then 1000000 else coalesce(pricing_prompt, 0) end) stored;

comment on column model_access.list_key is
    'Generated: model_id cut to 256 characters, the key the lists order by (a b-tree entry cannot hold a whole '
    'upstream id of any length).';
comment on column model_access.prompt_price_rank is
    'Generated: the prompt price as the lists order it: absent counts as 0, variable (-1) as 1000000, above every '
    'real per-token price.';

create index model_access_list_model_id_idx on model_access (list_key, id) include (status);
create index model_access_list_first_seen_desc_idx on model_access (first_seen_at desc, list_key, id) include (status);
create index model_access_list_first_seen_asc_idx on model_access (first_seen_at, list_key, id) include (status);
create index model_access_list_price_asc_idx on model_access (prompt_price_rank, list_key, id) include (status);
create index model_access_list_price_desc_idx on model_access (prompt_price_rank desc, list_key, id) include (status);
create index model_access_list_context_desc_idx
    on model_access (context_length desc nulls last, list_key, id) include (status);
create index model_access_list_context_asc_idx
    on model_access (context_length asc nulls last, list_key, id) include (status);
create index model_access_provider_modality_idx on model_access (provider, modality);

do $$
declare
    trgm_schema name;
begin
    if not exists (select from pg_extension where extname = 'pg_trgm') then
        begin
            create extension pg_trgm with schema public;
        exception
            when insufficient_privilege or undefined_file or invalid_schema_name or feature_not_supported then
                raise notice 'model-access: pg_trgm cannot be created here (%); the text search works without '
                             'trigram indexes, only slower on large catalogs', sqlerrm;
                return;
        end;
    end if;
    select n.nspname into trgm_schema
      from pg_extension e join pg_namespace n on n.oid = e.extnamespace
     where e.extname = 'pg_trgm';
    execute format(
        'create index model_access_model_id_trgm_idx on model_access using gin (model_id %I.gin_trgm_ops)',
        trgm_schema);
    execute format(
        'create index model_access_name_trgm_idx on model_access using gin (name %I.gin_trgm_ops)',
        trgm_schema);
end;
$$;
