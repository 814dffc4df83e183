-- model-access U14: undoes V14__catalog_policy.sql - drops the admin's catalog rules and the pending price holds
-- (export them first if they matter), and deletes the history events of the kinds V14 introduced
-- (left_for_review, price_hold, hold_cleared) so that the narrower kind check can be restored; the status and tier
-- events the rules wrote stay. Pasteable into a SQL editor; when the library's Flyway history table is there, the
-- V14 row is removed from it as well.

drop table if exists catalog_rules;
drop table if exists model_review_holds;

delete from model_access_events where kind in ('left_for_review', 'price_hold', 'hold_cleared');

alter table model_access_events
    drop constraint if exists model_access_events_kind_check,
    add constraint model_access_events_kind_check
        check (kind in ('added', 'removed', 'returned', 'price_changed', 'metadata_changed', 'status_changed',
                        'tiers_changed'));

comment on column model_access_events.kind is
    'added, removed, returned, price_changed, metadata_changed (catalog sync); status_changed, tiers_changed '
    '(admin).';
comment on column model_access_events.actor is 'sync for the catalog sync, else the admin''s user id.';

do $$
begin
    if to_regclass('model_access_schema_history') is not null then
        delete from model_access_schema_history where version = '14';
    end if;
end;
$$;
