package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.CatalogRows.time;
import static dev.modelaccess.jooq.Tables.MODEL_ACCESS_OUTBOX;

import dev.modelaccess.core.notify.OutboxEntry;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Outbox entries written in the caller's transaction: one {@code INSERT … SELECT … FROM unnest(…) ON CONFLICT DO
 * NOTHING} whatever their number (a dedupe key already written for a channel is skipped by the conflict).
 */
final class OutboxWrites {

    private OutboxWrites() {}

    static int enqueue(DSLContext dsl, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        var o = MODEL_ACCESS_OUTBOX;
        Table<?> v = Unnest.of(entries)
                .column("id", SQLDataType.UUID, entry -> UUID.randomUUID())
                .column("notice_id", SQLDataType.UUID, entry -> entry.notice().id())
                .column("kind", SQLDataType.CLOB, entry -> entry.notice().kind().type())
                .column("channel", SQLDataType.CLOB, entry -> entry.channel().dbValue())
                .column("delivery", SQLDataType.CLOB, entry -> entry.delivery().dbValue())
                .column(
                        "title",
                        SQLDataType.CLOB,
                        entry -> oneLine(entry.notice().title()))
                .column(
                        "lines",
                        SQLDataType.CLOB,
                        entry -> String.join(
                                "\n",
                                entry.notice().lines().stream()
                                        .map(OutboxWrites::oneLine)
                                        .toList()))
                .column("link", SQLDataType.CLOB, entry -> entry.notice().link())
                .column(
                        "payload",
                        SQLDataType.CLOB,
                        entry -> StoredJson.tree(entry.notice().data()))
                .column("dedupe_key", SQLDataType.CLOB, entry -> entry.notice().dedupeKey())
                .column(
                        "created_at",
                        SQLDataType.TIMESTAMPWITHTIMEZONE,
                        entry -> time(entry.notice().at()))
                .column("due_at", SQLDataType.TIMESTAMPWITHTIMEZONE, entry -> time(entry.dueAt()))
                .table(false);
        return StoreErrors.guard(
                "Could not write the notices to the outbox",
                () -> dsl.insertInto(
                                o,
                                o.ID,
                                o.NOTICE_ID,
                                o.KIND,
                                o.CHANNEL,
                                o.DELIVERY,
                                o.TITLE,
                                o.LINES,
                                o.LINK,
                                o.PAYLOAD,
                                o.DEDUPE_KEY,
                                o.CREATED_AT,
                                o.DUE_AT,
                                o.FIRST_DUE_AT)
                        .select(dsl.select(
                                        Unnest.field("id", SQLDataType.UUID),
                                        Unnest.field("notice_id", SQLDataType.UUID),
                                        Unnest.field("kind", SQLDataType.CLOB),
                                        Unnest.field("channel", SQLDataType.CLOB),
                                        Unnest.field("delivery", SQLDataType.CLOB),
                                        Unnest.field("title", SQLDataType.CLOB),
                                        DSL.field(
                                                "string_to_array({0}, {1})",
                                                SQLDataType.CLOB.array(),
                                                Unnest.field("lines", SQLDataType.CLOB),
                                                DSL.inline("\n")),
                                        Unnest.field("link", SQLDataType.CLOB),
                                        Unnest.field("payload", SQLDataType.CLOB)
                                                .cast(SQLDataType.JSONB),
                                        Unnest.field("dedupe_key", SQLDataType.CLOB),
                                        Unnest.field("created_at", SQLDataType.TIMESTAMPWITHTIMEZONE),
                                        Unnest.field("due_at", SQLDataType.TIMESTAMPWITHTIMEZONE),
                                        Unnest.field("due_at", SQLDataType.TIMESTAMPWITHTIMEZONE))
                                .from(v))
                        .onConflictDoNothing()
                        .execute());
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
