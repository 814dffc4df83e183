package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.CatalogRows.UPSTREAM_COLUMNS;
import static dev.modelaccess.jooq.Tables.MODEL_ACCESS;

import dev.modelaccess.core.sync.SyncPlan;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many changed models' upstream columns in a staging table of the transaction: {@code CREATE TEMP TABLE … ON COMMIT
 * DROP}, {@code COPY … FROM STDIN}, {@code ANALYZE} of the two columns the join reads. The sync's {@code UPDATE …
 * FROM} that staging table has no parameter at all, so PostgreSQL plans it with the staging table's real size whatever
 * {@code plan_cache_mode} the connection has (a generic plan of {@code UPDATE … FROM unnest(?, …)} cannot see the
 * arrays' length; see {@link JooqStoreTransaction#tryLockCatalogSync}), and the rows travel in {@code COPY}'s text
 * format instead of array literals of 2.5 kB JSON texts. A description that is the one stored (most of a re-priced
 * model's 4.5 kB) is not staged at all ({@link #DESCRIPTION_KEPT}).
 *
 * <p>The table lives in the session's temporary schema and is dropped at commit (or rollback), so a pooled connection,
 * even through a transaction-mode pooler, goes back without it. A role that may not create temporary tables (TEMP
 * revoked on the database) gets the array statements instead, with one warning in the log.
 */
final class SyncStage {

    /** Below this many rows the {@code unnest} statement is as quick and needs no table. */
    static final int AT_LEAST = 500;

    static final String TABLE = "model_access_sync_stage";

    /**
     * The staging table's column that says a model's description is the one stored: it is not staged (a re-priced
     * model's 2 kB description neither travels nor is compressed again), and the row keeps its own.
     */
    static final String DESCRIPTION_KEPT = "description_kept";

    private SyncStage() {}

    /**
     * Stages the upserts' upstream columns in {@link #TABLE} (created empty, or emptied when this transaction staged
     * before), and analyzes it.
     *
     * @return whether they were staged; {@code false} when the connection is not pgjdbc's underneath
     */
    static boolean stage(DSLContext dsl, List<SyncPlan.Upsert> upserts, Predicate<SyncPlan.Upsert> descriptionKept) {
        return dsl.connectionResult(connection -> {
            if (!connection.isWrapperFor(PGConnection.class)) {
                return false;
            }
            Savepoint savepoint = connection.setSavepoint();
            try {
                stage(connection, upserts, descriptionKept);
            } catch (SQLException e) {
                if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                    throw e;
                }
                // a role without TEMP on the database: the caller writes with array parameters instead
                connection.rollback(savepoint);
                log.warn(
                        "The sync cannot create its staging table ({}); it writes with array parameters instead",
                        e.getMessage());
                return false;
            }
            connection.releaseSavepoint(savepoint);
            return true;
        });
    }

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private static final Logger log = LoggerFactory.getLogger(SyncStage.class);

    private static void stage(
            Connection connection, List<SyncPlan.Upsert> upserts, Predicate<SyncPlan.Upsert> descriptionKept)
            throws SQLException {
        String columns = UPSTREAM_COLUMNS.stream()
                .map(column -> '"' + column.name() + '"')
                .collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temp table if not exists " + TABLE + " on commit drop as select " + columns
                    + ", false as " + DESCRIPTION_KEPT + " from \"" + MODEL_ACCESS.getName() + "\" with no data");
            statement.execute("truncate " + TABLE);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (PGCopyOutputStream out = new PGCopyOutputStream(
                        pg, "copy " + TABLE + " (" + columns + ", " + DESCRIPTION_KEPT + ") from stdin", 1 << 16);
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder row = new StringBuilder(4096);
            for (SyncPlan.Upsert upsert : upserts) {
                row.setLength(0);
                boolean kept = descriptionKept.test(upsert);
                for (CatalogRows.UpstreamColumn column : UPSTREAM_COLUMNS) {
                    boolean omitted = kept && column.field() == MODEL_ACCESS.DESCRIPTION;
                    SyncCopy.append(row, omitted ? null : column.value().apply(upsert));
                    row.append('\t');
                }
                writer.append(row.append(kept ? 't' : 'f').append('\n'));
            }
        } catch (IOException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e);
        }
        try (Statement statement = connection.createStatement()) {
            // the join's columns: all the planner needs to size the UPDATE's hash join
            statement.execute("analyze " + TABLE + " (\"" + MODEL_ACCESS.MODEL_ID.getName() + "\", \""
                    + MODEL_ACCESS.UPSTREAM_SHA256.getName() + "\")");
        }
    }
}
