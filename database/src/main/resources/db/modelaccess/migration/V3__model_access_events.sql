-- model-access V3: `model_access_events`, the history of every catalog model.
--
-- What: one row per change to one model - added, removed (gone upstream), returned, price_changed,
-- metadata_changed (by the sync), status_changed, tiers_changed (by an admin) - with the changed values before
-- and after, who did it (`sync` or the admin's user id) and when.
-- Why: admins need to see why a model is (not) offered, and when its price moved.
--
-- No foreign key to model_access on purpose: the history outlives the row.
-- Runs in whatever schema it is applied to. Undone by db/modelaccess/rollback/U3__model_access_events.sql.

create table model_access_events (
    id        bigint      generated always as identity,
    model_id  text        not null,
    kind      text        not null,
    old_value jsonb       not null default '{}',
    new_value jsonb       not null default '{}',
    actor     text        not null,
    at        timestamptz not null,

    constraint model_access_events_pkey primary key (id),
    constraint model_access_events_kind_check
        check (kind in ('added', 'removed', 'returned', 'price_changed', 'metadata_changed', 'status_changed',
                        'tiers_changed')),
    constraint model_access_events_old_value_is_object_check check (jsonb_typeof(old_value) = 'object'),
    constraint model_access_events_new_value_is_object_check check (jsonb_typeof(new_value) = 'object')
);

-- "The history of one model, newest first": a model has tens of events, found through a hash index on model_id
-- and sorted. (A hash index, not a b-tree on (model_id, at), because a b-tree entry cannot exceed about 2.7 kB and
-- model ids come from upstream.)
create index model_access_events_model_id_idx on model_access_events using hash (model_id);

comment on table model_access_events is 'The history of each model-access catalog model, one row per change.';
comment on column model_access_events.id is 'Insertion order; breaks ties between events of the same instant.';
comment on column model_access_events.model_id is 'The OpenRouter model id (model_access.model_id).';
comment on column model_access_events.kind is
    'added, removed, returned, price_changed, metadata_changed (catalog sync); status_changed, tiers_changed '
    '(admin).';
comment on column model_access_events.old_value is
    'The changed values as they were: field name -> value as text (prices as decimal strings). Empty when added.';
comment on column model_access_events.new_value is 'The changed values as they are now, same shape.';
comment on column model_access_events.actor is 'sync for the catalog sync, else the admin''s user id.';
comment on column model_access_events.at is 'When the change happened.';
