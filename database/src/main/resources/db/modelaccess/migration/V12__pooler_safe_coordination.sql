-- model-access V12: coordination between instances that works through any connection pooler.
--
-- What: two small tables.
--   * model_access_job_leases: one row per maintenance job (re-verifying, re-encrypting users' keys). An instance
--     runs a job only while it holds the job's lease: it takes the row when the row's lease has expired (or was
--     never taken), renews `expires_at` while the job runs, and ends it when the job ends, recording how. Each
--     take increments `token` (a fencing token): renewing or ending needs the token, so an instance whose lease
--     was taken over can no longer touch the row.
--   * model_access_catalog_version: a single row whose `version` goes up once in every transaction that changes
--     model_access (sync, admin API, plain SQL), bumped at commit by a deferred trigger. Every instance reads it
--     every couple of seconds (one primary-key read) and reloads its access rules when it moved.
-- Why: session-level features - LISTEN, session advisory locks, SET - do not work through a transaction-mode
-- pooler (PgBouncer's, Supabase's on port 6543): a session advisory lock taken through one leaked on a server
-- connection and blocked the jobs, and LISTEN never heard anything, so a change reached other instances only with
-- the periodic reload. Both tables are used with single autocommit statements, which any pooler passes through.
--
-- The version is bumped by a constraint trigger deferred to commit: by then the transaction holds every
-- model_access row it touches, so waiting for the version row can never deadlock with another writer. A crashed
-- holder of a lease blocks its job at most until `expires_at`.
--
-- Runs in whatever schema it is applied to. Undone by db/modelaccess/rollback/U12__pooler_safe_coordination.sql.

create table model_access_job_leases
(
    job         text        not null primary key,
    owner       text        not null,
    token       bigint      not null,
    acquired_at timestamptz not null,
    expires_at  timestamptz not null,
    ended_at    timestamptz,
    outcome     text,
    constraint model_access_job_leases_job_check check (length(job) between 1 and 200),
    constraint model_access_job_leases_owner_check check (length(owner) <= 200),
    constraint model_access_job_leases_outcome_check check (length(outcome) <= 2000)
);

comment on table model_access_job_leases is
    'model-access: who runs each maintenance job; a lease renewed while the job runs, taken over once expired.';
comment on column model_access_job_leases.owner is 'The instance (host, process, lock) holding or last holding it.';
comment on column model_access_job_leases.token is
    'Fencing token: +1 on every take; renewing and ending need it, so a superseded holder cannot.';
comment on column model_access_job_leases.expires_at is
    'Until when the lease holds unless renewed; set to the end time when the job ends.';
comment on column model_access_job_leases.outcome is
    'How the last run ended: completed, failed: <reason>, or lease lost; null while it runs.';

create table model_access_catalog_version
(
    id         smallint    not null primary key default 1,
    version    bigint      not null,
    changed_at timestamptz not null,
    changed_by xid8,
    constraint model_access_catalog_version_single_row check (id = 1)
);

comment on table model_access_catalog_version is
    'model-access: one row; version goes up once per committed transaction that changed model_access.';
comment on column model_access_catalog_version.changed_by is
    'The transaction that last bumped it (so that one transaction bumps it once, however many rows it changed).';

insert into model_access_catalog_version (id, version, changed_at) values (1, 1, now());

create function model_access_bump_catalog_version() returns trigger
    language plpgsql
as $$
begin
    update model_access_catalog_version
    set version = version + 1, changed_at = now(), changed_by = pg_current_xact_id()
    where id = 1 and changed_by is distinct from pg_current_xact_id();
    return null;
end;
$$;

comment on function model_access_bump_catalog_version() is
    'model-access: raises model_access_catalog_version.version once per transaction that changes model_access.';

create constraint trigger model_access_bump_catalog_version
    after insert or update or delete on model_access
    deferrable initially deferred
    for each row
execute function model_access_bump_catalog_version();

-- TRUNCATE fires no row trigger; it bumps at once (a rare, manual statement).
create trigger model_access_bump_catalog_version_on_truncate
    after truncate on model_access
    for each statement
execute function model_access_bump_catalog_version();
