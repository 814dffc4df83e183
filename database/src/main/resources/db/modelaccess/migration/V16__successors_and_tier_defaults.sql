-- model-access V16: successors (`model_successors`) and tier defaults (`tier_defaults`).
--
-- What: an admin may name the model that takes over from another when it retires (inactive or disabled); users
-- whose default it was and resources bound to it are then moved to the successor, and the move is recorded here
-- (carried_over_at) and in model_access_events (kind carried_over, with the counts). An admin may also name a
-- default model per tier, offered to users of the tier who have no usable default of their own.
-- Why: when a model vanishes, users' defaults and resources bound to it would otherwise break.
--
-- Both tables point at model_access rows by their surrogate id (so a long upstream id is never a b-tree key). No
-- foreign keys on purpose, as for model_access_events: model_access stays free to be truncated or edited by hand as
-- before; a row pointing at a deleted model is ignored (every read joins model_access). Changes notify `model_access_changed` like model_access does, so every instance
-- reloads its cached successors and tier defaults. model_access_events accepts three more kinds.
-- Runs in whatever schema it is applied to. Undone by db/modelaccess/rollback/U16__successors_and_tier_defaults.sql.

create table model_successors (
    model_access_id uuid        not null,
    successor_id    uuid        not null,
    named_by        text        not null,
    named_at        timestamptz not null,
    carried_over_at timestamptz,

    constraint model_successors_pkey primary key (model_access_id),
    constraint model_successors_not_itself_check check (successor_id <> model_access_id)
);

comment on table model_successors is
    'The model that takes over from another when it retires: users'' defaults and resources move to it. Written by '
    'model-access (admin API); cycles are refused there.';
comment on column model_successors.model_access_id is 'The model being succeeded (model_access.id).';
comment on column model_successors.successor_id is 'The model that takes over (model_access.id).';
comment on column model_successors.named_by is 'The admin (user id) who named the successor.';
comment on column model_successors.named_at is 'When the successor was named.';
comment on column model_successors.carried_over_at is
    'When users and resources were last moved to the successor; null until then. Moved again when the model '
    'retires again later (status_changed_at after this).';

create table tier_defaults (
    tier            text        not null,
    model_access_id uuid        not null,
    set_by          text        not null,
    set_at          timestamptz not null,

    constraint tier_defaults_pkey primary key (tier),
    constraint tier_defaults_tier_check check (tier in ('free', 'pro', 'enterprise'))
);

comment on table tier_defaults is
    'The default model of each tier, for its users without a usable default of their own. Written by model-access '
    '(admin API), which checks that the tier may use the model.';
comment on column tier_defaults.tier is 'free, pro or enterprise.';
comment on column tier_defaults.model_access_id is 'The default model (model_access.id).';
comment on column tier_defaults.set_by is 'The admin (user id) who set it.';
comment on column tier_defaults.set_at is 'When it was set.';

create trigger model_successors_notify_change
    after insert or update or delete or truncate on model_successors
    for each statement
execute function model_access_notify_change();

create trigger tier_defaults_notify_change
    after insert or update or delete or truncate on tier_defaults
    for each statement
execute function model_access_notify_change();

alter table model_access_events drop constraint model_access_events_kind_check;
alter table model_access_events add constraint model_access_events_kind_check
    check (kind in ('added', 'removed', 'returned', 'price_changed', 'metadata_changed', 'status_changed',
                    'tiers_changed', 'left_for_review', 'price_hold', 'hold_cleared', 'successor_changed',
                    'carried_over', 'tier_default_changed'));

comment on column model_access_events.kind is
    'added, removed, returned, price_changed, metadata_changed, price_hold (catalog sync); status_changed, '
    'tiers_changed (admin, catalog rule or sync); left_for_review (catalog rule); hold_cleared, successor_changed, '
    'tier_default_changed (admin); carried_over (users and resources moved to the successor).';
