package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.CatalogRows.UPSTREAM_COLUMNS;
import static dev.modelaccess.jooq.Tables.MODEL_ACCESS;

import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.sync.SyncPlan;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * A first import's new rows written with {@code COPY model_access (…) FROM STDIN} (pgjdbc's copy API), streamed row
 * by row: the cheapest way PostgreSQL has to take many rows, about a third cheaper than {@code INSERT … SELECT FROM
 * unnest(…)} for 50,000 models with their JSON (see README, Benchmarks).
 *
 * <p>{@code COPY} has no {@code ON CONFLICT}: it runs inside a savepoint, and when a row with one of the ids appeared
 * meanwhile (outside the sync lock) the savepoint is rolled back and the caller inserts with {@code ON CONFLICT DO
 * NOTHING} instead. A connection that is not pgjdbc's underneath (a proxy that cannot unwrap it) takes that path too.
 */
final class SyncCopy {

    /** Below this many new rows the one {@code INSERT … SELECT FROM unnest(…)} is as quick and simpler. */
    static final int AT_LEAST = 1_000;

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String EXCLUSION_VIOLATION = "23P01";

    private SyncCopy() {}

    /**
     * Copies the new rows in, as {@code new} with every flag off and the three times {@code now}.
     *
     * @return whether they were written; {@code false} when nothing was (a conflicting id, or no pgjdbc connection)
     */
    static boolean copyNew(DSLContext dsl, List<SyncPlan.Upsert> added, OffsetDateTime now) {
        return dsl.connectionResult(connection -> {
            if (!connection.isWrapperFor(PGConnection.class)) {
                return false;
            }
            return copy(connection, added, now);
        });
    }

    private static boolean copy(Connection connection, List<SyncPlan.Upsert> added, OffsetDateTime now)
            throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        Savepoint savepoint = connection.setSavepoint();
        try {
            try (PGCopyOutputStream out = new PGCopyOutputStream(pg, statement(), 1 << 16);
                    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
                String fixed = fixedColumns(now);
                StringBuilder row = new StringBuilder(4096);
                for (SyncPlan.Upsert upsert : added) {
                    row.setLength(0);
                    for (CatalogRows.UpstreamColumn column : UPSTREAM_COLUMNS) {
                        append(row, column.value().apply(upsert));
                        row.append('\t');
                    }
                    row.append(fixed).append('\n');
                    writer.append(row);
                }
            } catch (IOException e) {
                throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e);
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState()) || EXCLUSION_VIOLATION.equals(e.getSQLState())) {
                connection.rollback(savepoint);
                return false;
            }
            throw e;
        } catch (UncheckedIOException e) {
            throw new SQLException(e);
        }
        connection.releaseSavepoint(savepoint);
        return true;
    }

    private static String statement() {
        List<TableField<?, ?>> columns = new ArrayList<>();
        UPSTREAM_COLUMNS.forEach(column -> columns.add(column.field()));
        columns.addAll(List.of(
                MODEL_ACCESS.STATUS,
                MODEL_ACCESS.FIRST_SEEN_AT,
                MODEL_ACCESS.LAST_SEEN_AT,
                MODEL_ACCESS.STATUS_CHANGED_AT));
        return columns.stream()
                .map(column -> '"' + column.getName() + '"')
                .collect(Collectors.joining(", ", "copy \"" + MODEL_ACCESS.getName() + "\" (", ") from stdin"));
    }

    private static String fixedColumns(OffsetDateTime now) {
        String time = now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return ModelStatus.NEW.dbValue() + '\t' + time + '\t' + time + '\t' + time;
    }

    /** One value in {@code COPY}'s text format: {@code \N} for null, backslash, tab and line breaks escaped. */
    static void append(StringBuilder row, @Nullable Object value) {
        switch (value) {
            case null -> row.append("\\N");
            case String text -> escape(row, text);
            case BigDecimal decimal -> row.append(decimal.toPlainString());
            case OffsetDateTime time -> row.append(time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            case Boolean bool -> row.append(bool ? 't' : 'f');
            case Long number -> row.append(number.longValue());
            default ->
                throw new IllegalArgumentException(
                        "No COPY text for a " + value.getClass().getName());
        }
    }

    /** The text as is, but for backslash, tab, line feed and carriage return; the runs between them in one append. */
    private static void escape(StringBuilder row, String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            String escaped = switch (text.charAt(i)) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escaped != null) {
                row.append(text, run, i).append(escaped);
                run = i + 1;
            }
        }
        row.append(text, run, text.length());
    }
}
