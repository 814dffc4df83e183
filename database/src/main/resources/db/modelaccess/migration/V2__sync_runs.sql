-- model-access V2: `sync_runs`, one row per run of the catalog sync.
--
-- What: when a run started and finished, how it ended, what it did (counts) and why it failed or stopped.
-- Why: every run is recorded - also the ones that wrote nothing (aborted by a guard, skipped because another
-- instance held the sync lock) - so that admins can see the sync is alive and health checks can tell how old
-- the last successful run is.
--
-- Runs in whatever schema it is applied to. Undone by db/modelaccess/rollback/U2__sync_runs.sql.

create table sync_runs (
    id              uuid        not null default gen_random_uuid(),
    trigger         text        not null,
    status          text        not null,
    started_at      timestamptz not null,
    finished_at     timestamptz not null,
    added           integer     not null default 0,
    updated         integer     not null default 0,
    deactivated     integer     not null default 0,
    reactivated     integer     not null default 0,
    unchanged       integer     not null default 0,
    skipped_invalid integer     not null default 0,
    error           text,

    constraint sync_runs_pkey primary key (id),
    constraint sync_runs_trigger_check check (trigger in ('schedule', 'startup', 'manual')),
    constraint sync_runs_status_check check (status in ('succeeded', 'failed', 'aborted', 'skipped')),
    constraint sync_runs_finished_after_started_check check (finished_at >= started_at),
    constraint sync_runs_counts_check
        check (added >= 0 and updated >= 0 and deactivated >= 0 and reactivated >= 0
               and unchanged >= 0 and skipped_invalid >= 0)
);

-- "Recent runs, newest first" and "the last successful run".
create index sync_runs_started_at_idx on sync_runs (started_at desc);
create index sync_runs_status_started_at_idx on sync_runs (status, started_at desc);

comment on table sync_runs is 'Every run of the model-access catalog sync, whatever its outcome.';
comment on column sync_runs.id is 'The run id.';
comment on column sync_runs.trigger is 'What started the run: schedule, startup or manual (an admin).';
comment on column sync_runs.status is
    'succeeded (the plan was applied, possibly writing nothing), failed (an error; error says which), aborted (a '
    'guard stopped it before any write; error says why), skipped (another instance held the sync lock).';
comment on column sync_runs.started_at is 'When the run started (before fetching upstream).';
comment on column sync_runs.finished_at is 'When the run ended.';
comment on column sync_runs.added is 'Models inserted as new.';
comment on column sync_runs.updated is 'Present models whose upstream description changed and was refreshed.';
comment on column sync_runs.deactivated is 'Models gone upstream, made inactive.';
comment on column sync_runs.reactivated is 'Inactive models back upstream, given back the status they had.';
comment on column sync_runs.unchanged is 'Models present on both sides with nothing to write.';
comment on column sync_runs.skipped_invalid is
    'Upstream entries that could not be read; their rows were left exactly as they were.';
comment on column sync_runs.error is 'Why the run failed or was aborted; null when it succeeded.';
