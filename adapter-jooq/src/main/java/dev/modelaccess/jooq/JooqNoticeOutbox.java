package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.CatalogRows.time;
import static dev.modelaccess.jooq.Tables.MODEL_ACCESS_OUTBOX;
import static dev.modelaccess.jooq.Tables.MODEL_ACCESS_OUTBOX_ATTEMPTS;
import static org.jooq.impl.DSL.inline;

import dev.modelaccess.core.notify.Channel;
import dev.modelaccess.core.notify.ClaimedNotice;
import dev.modelaccess.core.notify.Delivery;
import dev.modelaccess.core.notify.DeliveryAttempt;
import dev.modelaccess.core.notify.NoticeKind;
import dev.modelaccess.core.notify.NoticeOutbox;
import dev.modelaccess.core.notify.OutboxRecord;
import dev.modelaccess.core.notify.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * The outbox on PostgreSQL ({@link JooqModelAccess#noticeOutbox()}). A claim is one statement: {@code UPDATE … FROM
 * (SELECT … FOR UPDATE SKIP LOCKED LIMIT n)} that leases the rows it returns; recording an attempt is one short
 * transaction (the rows' state, and one attempt row each). No session state is used, so a transaction-mode pooler
 * is fine.
 */
final class JooqNoticeOutbox implements NoticeOutbox {

    private static final int MAX_ERROR = 2000;
    private static final String PENDING = OutboxStatus.PENDING.dbValue();

    private final DSLContext dsl;

    JooqNoticeOutbox(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public List<ClaimedNotice> claim(Channel channel, Instant now, Duration lease, int limit, UUID claim) {
        var o = MODEL_ACCESS_OUTBOX;
        var c = o; // the subquery's own scope: "model_access_outbox" there is its FROM, not the updated table
        OffsetDateTime at = time(now);
        Table<?> due = dsl.select(c.ID)
                .from(c)
                .where(c.CHANNEL.eq(inline(channel.dbValue())))
                .and(c.STATUS.eq(inline(PENDING)))
                .and(c.DUE_AT.le(at))
                .and(c.CLAIMED_UNTIL.isNull().or(c.CLAIMED_UNTIL.le(at)))
                .orderBy(c.DUE_AT, c.CREATED_AT, c.ID)
                .limit(limit)
                .forUpdate()
                .skipLocked()
                .asTable("due");
        return StoreErrors.guard(
                "Could not claim outbox entries",
                () -> dsl
                        .update(o)
                        .set(o.CLAIM_ID, claim)
                        .set(o.CLAIMED_UNTIL, time(now.plus(lease)))
                        .from(due)
                        .where(o.ID.eq(due.field(c.ID.getName(), SQLDataType.UUID)))
                        .returning()
                        .fetch()
                        .stream()
                        .map(JooqNoticeOutbox::claimed)
                        .sorted(Comparator.comparing(ClaimedNotice::dueAt)
                                .thenComparing(ClaimedNotice::createdAt)
                                .thenComparing(ClaimedNotice::entryId))
                        .toList());
    }

    @Override
    public int delivered(Map<UUID, Duration> took, UUID claim, Instant at) {
        var o = MODEL_ACCESS_OUTBOX;
        return record(
                took,
                claim,
                at,
                null,
                dsl -> dsl.update(o)
                        .set(o.STATUS, inline(OutboxStatus.DELIVERED.dbValue()))
                        .set(o.DELIVERED_AT, time(at))
                        .set(o.LAST_ERROR, (String) null));
    }

    @Override
    public int failed(
            List<UUID> entryIds, UUID claim, Instant at, Duration took, String error, Optional<Instant> retryAt) {
        var o = MODEL_ACCESS_OUTBOX;
        String text = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        Map<UUID, Duration> each = new LinkedHashMap<>();
        entryIds.forEach(id -> each.put(id, took));
        return record(each, claim, at, text, dsl -> {
            var update = dsl.update(o).set(o.LAST_ERROR, text);
            return retryAt.isPresent()
                    ? update.set(o.STATUS, inline(PENDING)).set(o.DUE_AT, time(retryAt.get()))
                    : update.set(o.STATUS, inline(OutboxStatus.DEAD.dbValue()));
        });
    }

    private interface Outcome {
        org.jooq.UpdateSetMoreStep<ModelAccessOutboxRecord> apply(DSLContext dsl);
    }

    /** The entries' state and one attempt row each, in one short transaction; only rows still held by the claim. */
    private int record(Map<UUID, Duration> took, UUID claim, Instant at, @Nullable String error, Outcome outcome) {
        if (took.isEmpty()) {
            return 0;
        }
        var o = MODEL_ACCESS_OUTBOX;
        var a = MODEL_ACCESS_OUTBOX_ATTEMPTS;
        return StoreErrors.guard(
                "Could not record a delivery attempt",
                () -> dsl.transactionResult(configuration -> {
                    DSLContext tx = configuration.dsl();
                    var updated = outcome.apply(tx)
                            .set(o.ATTEMPTS, o.ATTEMPTS.plus(1))
                            .set(o.LAST_ATTEMPT_AT, time(at))
                            .set(o.CLAIM_ID, (UUID) null)
                            .set(o.CLAIMED_UNTIL, (OffsetDateTime) null)
                            .where(o.ID.eq(
                                    DSL.any(DSL.val(took.keySet().toArray(UUID[]::new), SQLDataType.UUID.array()))))
                            .and(o.CLAIM_ID.eq(claim))
                            .returningResult(o.ID, o.ATTEMPTS)
                            .fetch();
                    if (updated.isEmpty()) {
                        return 0;
                    }
                    Table<?> v = Unnest.of(updated)
                            .column("outbox_id", SQLDataType.UUID, row -> row.value1())
                            .column("attempt", SQLDataType.INTEGER, row -> row.value2())
                            .column(
                                    "millis",
                                    SQLDataType.BIGINT,
                                    row -> took.get(row.value1()).toMillis())
                            .table(false);
                    tx.insertInto(a, a.OUTBOX_ID, a.ATTEMPT, a.AT, a.DELIVERED, a.MILLIS, a.ERROR)
                            .select(tx.select(
                                            Unnest.field("outbox_id", SQLDataType.UUID),
                                            Unnest.field("attempt", SQLDataType.INTEGER),
                                            DSL.val(time(at)),
                                            DSL.val(error == null),
                                            Unnest.field("millis", SQLDataType.BIGINT),
                                            DSL.val(error, SQLDataType.CLOB))
                                    .from(v))
                            .execute();
                    return updated.size();
                }));
    }

    @Override
    public boolean resend(UUID entryId, Instant at) {
        var o = MODEL_ACCESS_OUTBOX;
        OffsetDateTime now = time(at);
        return StoreErrors.guard(
                        "Could not send an outbox entry again",
                        () -> dsl.update(o)
                                .set(o.STATUS, inline(PENDING))
                                .set(o.DUE_AT, now)
                                .set(o.FIRST_DUE_AT, now)
                                .set(o.CLAIM_ID, (UUID) null)
                                .set(o.CLAIMED_UNTIL, (OffsetDateTime) null)
                                .where(o.ID.eq(entryId))
                                .execute())
                > 0;
    }

    @Override
    public List<OutboxRecord> recent(Optional<OutboxStatus> status, int limit) {
        var o = MODEL_ACCESS_OUTBOX;
        Condition condition = status.map(s -> o.STATUS.eq(inline(s.dbValue()))).orElse(DSL.noCondition());
        return StoreErrors.guard(
                "Could not read the outbox",
                () -> dsl.selectFrom(o)
                        .where(condition)
                        .orderBy(o.CREATED_AT.desc(), o.ID)
                        .limit(Math.max(0, limit))
                        .fetch(JooqNoticeOutbox::record));
    }

    @Override
    public Optional<OutboxRecord> entry(UUID entryId) {
        var o = MODEL_ACCESS_OUTBOX;
        return StoreErrors.guard(
                "Could not read the outbox",
                () -> dsl.selectFrom(o).where(o.ID.eq(entryId)).fetchOptional(JooqNoticeOutbox::record));
    }

    private static OutboxRecord record(ModelAccessOutboxRecord row) {
        return new OutboxRecord(
                row.getId(),
                row.getNoticeId(),
                row.getKind(),
                Channel.fromDb(row.getChannel()),
                Delivery.fromDb(row.getDelivery()),
                row.getTitle(),
                OutboxStatus.fromDb(row.getStatus()),
                row.getCreatedAt().toInstant(),
                row.getDueAt().toInstant(),
                row.getAttempts(),
                instant(row.getLastAttemptAt()),
                row.getLastError(),
                instant(row.getDeliveredAt()));
    }

    @Override
    public List<DeliveryAttempt> attempts(UUID entryId) {
        var a = MODEL_ACCESS_OUTBOX_ATTEMPTS;
        return StoreErrors.guard(
                "Could not read the delivery attempts",
                () -> dsl.selectFrom(a)
                        .where(a.OUTBOX_ID.eq(entryId))
                        .orderBy(a.ATTEMPT, a.ID)
                        .fetch(row -> new DeliveryAttempt(
                                row.getOutboxId(),
                                row.getAttempt(),
                                row.getAt().toInstant(),
                                row.getDelivered(),
                                row.getMillis(),
                                row.getError())));
    }

    private static ClaimedNotice claimed(ModelAccessOutboxRecord row) {
        return new ClaimedNotice(
                row.getId(),
                row.getNoticeId(),
                NoticeKind.of(row.getKind())
                        .orElseThrow(() -> new IllegalStateException("Unknown notice kind " + row.getKind())),
                Channel.fromDb(row.getChannel()),
                Delivery.fromDb(row.getDelivery()),
                row.getCreatedAt().toInstant(),
                row.getTitle(),
                List.of(row.getLines()),
                row.getLink(),
                row.getPayload().data(),
                row.getDueAt().toInstant(),
                row.getFirstDueAt().toInstant(),
                row.getAttempts());
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
