-- model-access V15: the notification outbox - what to tell the admin, and every attempt at telling it.
--
-- What: `model_access_outbox` holds one row per notice and channel (webhook, slack, email): the notice (kind, a
-- title and a few lines for people, a link to the console, the JSON payload for machines) and its delivery state
-- (pending, delivered, dead), when it is due, how many attempts were made, the lease of the dispatcher holding it.
-- `model_access_outbox_attempts` keeps every attempt, successful or not, with its error.
-- Why: a notice is written in the same transaction as the change it reports (a sync's, an expiry check's), so a
-- crash between the change and the delivery loses nothing; dispatchers on any number of instances claim due rows
-- with FOR UPDATE SKIP LOCKED in short transactions and a lease, so each row is delivered once.
--
-- No secret is stored here: the channels' URLs, signing secrets and mail credentials live in properties.
-- Runs in whatever schema it is applied to. Undone by db/modelaccess/rollback/U15__notification_outbox.sql.

create table model_access_outbox (
    id              uuid        not null,
    notice_id       uuid        not null,
    kind            text        not null,
    channel         text        not null,
    delivery        text        not null,
    title           text        not null,
    lines           text[]      not null default '{}',
    link            text,
    payload         jsonb       not null,
    dedupe_key      text,
    created_at      timestamptz not null,
    status          text        not null default 'pending',
    due_at          timestamptz not null,
    first_due_at    timestamptz not null,
    attempts        integer     not null default 0,
    claim_id        uuid,
    claimed_until   timestamptz,
    last_attempt_at timestamptz,
    last_error      text,
    delivered_at    timestamptz,

    constraint model_access_outbox_pkey primary key (id),
    constraint model_access_outbox_notice_channel_key unique (notice_id, channel),
    constraint model_access_outbox_dedupe_key unique (channel, dedupe_key),
    constraint model_access_outbox_kind_check check (kind ~ '^[a-z][a-z_.]{0,63}$'),
    constraint model_access_outbox_channel_check check (channel in ('webhook', 'slack', 'email')),
    constraint model_access_outbox_delivery_check check (delivery in ('immediate', 'digest')),
    constraint model_access_outbox_status_check check (status in ('pending', 'delivered', 'dead')),
    constraint model_access_outbox_title_check check (length(title) <= 1000),
    constraint model_access_outbox_link_check check (length(link) <= 2000),
    constraint model_access_outbox_dedupe_key_check check (length(dedupe_key) <= 600),
    constraint model_access_outbox_payload_is_object_check check (jsonb_typeof(payload) = 'object'),
    constraint model_access_outbox_attempts_check check (attempts >= 0)
);

-- "Due rows of a channel, oldest first": only pending rows are indexed, so the index stays small.
create index model_access_outbox_due_idx on model_access_outbox (channel, due_at) where status = 'pending';
-- The console's "latest entries" and "dead letters".
create index model_access_outbox_created_idx on model_access_outbox (created_at desc, id);
create index model_access_outbox_dead_idx on model_access_outbox (created_at desc) where status = 'dead';

comment on table model_access_outbox is
    'Notices for the admin, one row per notice and channel, written in the transaction of the change they report.';
comment on column model_access_outbox.notice_id is
    'The notice; the same on every channel and every retry (the webhook-id of a signed webhook).';
comment on column model_access_outbox.kind is
    'models.awaiting_review, models.vanished, prices.changed, model.expiring, sync.failed, keys.revoked, ...';
comment on column model_access_outbox.delivery is
    'immediate, or digest (the email channel bundles a day''s digest rows, all due at the digest time, into one mail).';
comment on column model_access_outbox.payload is 'The notice''s machine-readable data (the webhook payload''s data).';
comment on column model_access_outbox.dedupe_key is
    'Written at most once per channel (e.g. model.expiring:<model id>:7d); null when every notice is new.';
comment on column model_access_outbox.status is 'pending (due, or waiting for a retry), delivered, dead (gave up).';
comment on column model_access_outbox.first_due_at is
    'Start of the retry window (24 h by default); reset when the admin sends a dead letter again.';
comment on column model_access_outbox.claim_id is 'The dispatcher claim holding the row until claimed_until.';

create table model_access_outbox_attempts (
    id          bigint      generated always as identity,
    outbox_id   uuid        not null,
    attempt     integer     not null,
    at          timestamptz not null,
    delivered   boolean     not null,
    millis      bigint      not null,
    error       text,

    constraint model_access_outbox_attempts_pkey primary key (id),
    constraint model_access_outbox_attempts_outbox_fkey
        foreign key (outbox_id) references model_access_outbox (id) on delete cascade,
    constraint model_access_outbox_attempts_error_check check (length(error) <= 2000)
);

create index model_access_outbox_attempts_outbox_idx on model_access_outbox_attempts (outbox_id, attempt);

comment on table model_access_outbox_attempts is 'Every delivery attempt of an outbox row, successful or not.';
comment on column model_access_outbox_attempts.millis is 'How long the attempt took, in milliseconds.';
comment on column model_access_outbox_attempts.error is 'Why it failed (the receiver''s status, a timeout, ...).';
