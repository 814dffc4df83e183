-- model-access U16: undoes V16__successors_and_tier_defaults.sql: drops the successors and tier defaults, and the
-- events of the three kinds V16 added (export them first if they matter), so that the kind check of V14 holds again.
-- Users and resources already moved to a successor stay where they are. Pasteable into a SQL editor; when the
-- library's Flyway history table is there, the V16 row is removed from it as well.

drop table if exists tier_defaults;
drop table if exists model_successors;

delete from model_access_events where kind in ('successor_changed', 'carried_over', 'tier_default_changed');
alter table model_access_events drop constraint if exists model_access_events_kind_check;
alter table model_access_events add constraint model_access_events_kind_check
    check (kind in ('added', 'removed', 'returned', 'price_changed', 'metadata_changed', 'status_changed',
                    'tiers_changed', 'left_for_review', 'price_hold', 'hold_cleared'));

comment on column model_access_events.kind is
    'added, removed, returned, price_changed, metadata_changed, price_hold (catalog sync); status_changed, '
    'tiers_changed (admin, catalog rule or sync); left_for_review (catalog rule); hold_cleared (admin).';

do $$
begin
    if to_regclass('model_access_schema_history') is not null then
        delete from model_access_schema_history where version = '16';
    end if;
end;
$$;
