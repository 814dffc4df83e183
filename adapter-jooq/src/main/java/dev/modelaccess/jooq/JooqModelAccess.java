package dev.modelaccess.jooq;

import dev.modelaccess.core.keys.UserKeyStore;
import dev.modelaccess.core.notify.NoticeOutbox;
import dev.modelaccess.core.policy.ReviewHolds;
import dev.modelaccess.core.port.CatalogChangeFeed;
import dev.modelaccess.core.port.DecisionStore;
import dev.modelaccess.core.port.JobLock;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.ModelReferences;
import dev.modelaccess.core.port.SuccessionStore;
import dev.modelaccess.core.port.UserProfiles;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * model-access on PostgreSQL (13 or newer), with jOOQ and pgjdbc: the one entry to this adapter. Built on the
 * application's {@link DataSource} (and its {@link DSLContext} when it has one), it hands out the core's ports:
 *
 * <pre>{@code
 * JooqModelAccess postgres = JooqModelAccess.of(dataSource);
 * ModelAccessStore store = postgres.store();
 * UserKeyStore keys = postgres.userKeys();
 * }</pre>
 *
 * <p>The tables are those {@link ModelAccessSchema} creates, addressed without a schema: they are found through the
 * connections' {@code search_path} (e.g. {@code currentSchema=…} in the JDBC URL when they are not in {@code
 * public}). Every database failure surfaces as a {@link dev.modelaccess.core.StoreException}.
 */
public final class JooqModelAccess {

    /**
     * Where a host keeps its users' profiles: a table (optionally {@code schema.table}) and its id ({@code uuid}),
     * tier and default-model columns. The names are always quoted.
     */
    public record ProfileTable(String table, String idColumn, String tierColumn, String defaultModelColumn) {

        /** {@code profiles(id, tier, default_model)}. */
        public static final ProfileTable DEFAULT = new ProfileTable("profiles", "id", "tier", "default_model");

        public ProfileTable {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(idColumn, "idColumn");
            Objects.requireNonNull(tierColumn, "tierColumn");
            Objects.requireNonNull(defaultModelColumn, "defaultModelColumn");
        }
    }

    private final DataSource dataSource;
    private final DSLContext dsl;
    private final Duration syncStatementTimeout;

    private JooqModelAccess(DataSource dataSource, DSLContext dsl, Duration syncStatementTimeout) {
        this.dataSource = dataSource;
        this.dsl = dsl;
        this.syncStatementTimeout = syncStatementTimeout;
    }

    private JooqModelAccess(DataSource dataSource, DSLContext dsl) {
        this(dataSource, dsl, JooqModelAccessStore.DEFAULT_SYNC_STATEMENT_TIMEOUT);
    }

    /**
     * The same, with every statement of a catalog sync's transaction bounded by {@code timeout} (PostgreSQL's {@code
     * statement_timeout}, set for that transaction only); {@link Duration#ZERO} for no bound. Two minutes unless set:
     * a sync of 50,000 models takes seconds. A statement that runs into it fails the run, which is recorded as failed
     * with PostgreSQL's reason, and leaves the catalog as it was.
     */
    public JooqModelAccess withSyncStatementTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        return new JooqModelAccess(dataSource, dsl, timeout);
    }

    /** On a plain data source, with jOOQ's default connection and transaction handling. */
    public static JooqModelAccess of(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new JooqModelAccess(dataSource, DSL.using(dataSource, SQLDialect.POSTGRES));
    }

    /**
     * Statements through the host's {@code DSLContext} (its connection and transaction provider are used as they are,
     * so Spring-managed transactions work; its SQL dialect is taken as {@link SQLDialect#POSTGRES} whatever it says);
     * the job locks and the change feed hold connections of {@code dataSource} of their own.
     */
    public static JooqModelAccess of(DataSource dataSource, DSLContext dsl) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(dsl, "dsl");
        return new JooqModelAccess(dataSource, DSL.using(dsl.configuration().derive(SQLDialect.POSTGRES)));
    }

    /**
     * The catalog ({@code model_access}), its history ({@code model_access_events}) and the sync runs ({@code
     * sync_runs}). A sync plan is applied with a fixed number of statements however many models it holds, writing
     * only upstream-owned columns and nothing for an unchanged model; admin updates write only status, tier flags and
     * review columns.
     */
    public ModelAccessStore store() {
        return new JooqModelAccessStore(dsl, syncStatementTimeout);
    }

    /**
     * The admin's catalog rules ({@code catalog_rules}, replaced as a whole in one transaction; a change notifies the
     * {@link #changeFeed() change feed}) and the pending price holds ({@code model_review_holds}): one object serving
     * both ports.
     */
    public CatalogPolicyStore catalogPolicy() {
        return new CatalogPolicyStore(new JooqCatalogPolicy(dsl));
    }

    /** The catalog policy's two stores, {@link dev.modelaccess.core.policy.CatalogRules} and {@link ReviewHolds}. */
    public record CatalogPolicyStore(dev.modelaccess.core.policy.CatalogRules rules, ReviewHolds holds) {
        CatalogPolicyStore(JooqCatalogPolicy policy) {
            this(policy, (ReviewHolds) policy::pending);
        }
    }

    /**
     * The notification outbox ({@code model_access_outbox} and its attempts), the dispatcher's and the console's
     * side: claims with {@code FOR UPDATE SKIP LOCKED} and a lease, one short transaction per call. Entries are
     * written by {@link dev.modelaccess.core.port.StoreTransaction#enqueueNotices} in the store's transactions.
     */
    public NoticeOutbox noticeOutbox() {
        return new JooqNoticeOutbox(dsl);
    }

    /**
     * Users' encrypted OpenRouter keys ({@code user_openrouter_integrations}), one statement a call; the
     * compare-and-set writes compare the stored value in their {@code WHERE} clause. With the Supabase flavor the
     * table forces row level security: connect as a role with {@code BYPASSRLS}, as a backend does.
     */
    public UserKeyStore userKeys() {
        return new JooqUserKeyStore(dsl);
    }

    /**
     * The users' tiers and default models from the host's own profiles table. A missing row, or a tier other than
     * {@code free}, {@code pro} or {@code enterprise}, means tier {@code free}.
     */
    public UserProfiles userProfiles(ProfileTable table) {
        return new JooqUserProfiles(dsl, table);
    }

    /**
     * Successors ({@code model_successors}) and tier defaults ({@code tier_defaults}), with the catalog's row locks
     * and history in the same transaction.
     */
    public SuccessionStore successionStore() {
        return new JooqSuccessionStore(dsl);
    }

    /**
     * Every admin decision in one transaction - the models' status and tier flags, successors, tier defaults and
     * rules, with their events - for the catalog's export and import (all or nothing, or rolled back for a dry run).
     */
    public DecisionStore decisionStore() {
        return new JooqDecisionStore(dsl);
    }

    /**
     * The users' default models in the host's profiles table, as references a carry-over to a successor moves (one
     * {@code UPDATE}, inside the succession transaction; named {@code users} in the move's event).
     */
    public ModelReferences defaultModels(ProfileTable table) {
        return new JooqDefaultModels(dsl, table);
    }

    /**
     * Jobs run once across the instances sharing the {@code model_access} table: a lease row per job ({@code
     * model_access_job_leases}) taken, renewed and ended with single autocommit statements, so it works through
     * any pooler, including transaction-mode ones; a crashed holder blocks the job at most 30 seconds.
     */
    public JobLock jobLock() {
        return new PostgresJobLock(dataSource);
    }

    /**
     * As {@link #jobLock()}, with a lease of {@code lease} (renewed every third of it while a job runs; at least
     * 300 ms): how long a crashed instance can keep the job from running elsewhere.
     */
    public JobLock jobLock(Duration lease) {
        return new PostgresJobLock(dataSource, lease);
    }

    /**
     * How the change feed checks on itself: how often it reads the catalog version (the path that works through any
     * pooler) and how long its start-up self-test waits for its own notification.
     *
     * @param versionPollInterval how often the catalog version is read (one primary-key read), e.g. 2 s
     * @param selfTestTimeout how long the self-test after each LISTEN waits for its own notification, e.g. 2 s
     */
    public record FeedTiming(Duration versionPollInterval, Duration selfTestTimeout) {

        /** The catalog version every 2 s; the self-test waits 2 s. */
        public static final FeedTiming DEFAULT = new FeedTiming(
                PostgresCatalogChangeFeed.DEFAULT_VERSION_POLL_INTERVAL,
                PostgresCatalogChangeFeed.DEFAULT_SELF_TEST_TIMEOUT);

        public FeedTiming {
            Objects.requireNonNull(versionPollInterval, "versionPollInterval");
            Objects.requireNonNull(selfTestTimeout, "selfTestTimeout");
        }
    }

    /**
     * LISTEN/NOTIFY on a connection taken from the data source and held for as long as a subscription is open, and
     * the catalog version read through the data source every 2 s. Prefer {@link #changeFeed(String, Properties)}
     * with a pooled data source.
     */
    public CatalogChangeFeed changeFeed() {
        return PostgresCatalogChangeFeed.fromDataSource(dataSource)
                .withVersionPoll(dataSource, FeedTiming.DEFAULT.versionPollInterval());
    }

    /**
     * LISTEN/NOTIFY on connections the feed opens itself with pgjdbc, outside the application's pool, and the catalog
     * version read through the data source every 2 s. When notifications cannot arrive (a transaction-mode pooler
     * such as PgBouncer's or Supabase's on port 6543), the feed says so once in the log and relies on the version.
     *
     * @param jdbcUrl a {@code jdbc:postgresql:} URL of the database holding {@code model_access}: a direct or
     *     session-mode one for LISTEN to work
     * @param properties pgjdbc connection properties ({@code user}, {@code password}, {@code sslmode}, …), e.g. those
     *     of the application's pool so that the feed connects the way it does; copied
     */
    public CatalogChangeFeed changeFeed(String jdbcUrl, Properties properties) {
        return changeFeed(jdbcUrl, properties, FeedTiming.DEFAULT);
    }

    /** As {@link #changeFeed(String, Properties)}, with the given timing. */
    public CatalogChangeFeed changeFeed(String jdbcUrl, Properties properties, FeedTiming timing) {
        return PostgresCatalogChangeFeed.fromJdbcUrl(jdbcUrl, properties)
                .withVersionPoll(dataSource, timing.versionPollInterval())
                .withSelfTestTimeout(timing.selfTestTimeout());
    }

    /** As {@link #changeFeed()}, with the given timing. */
    public CatalogChangeFeed changeFeed(FeedTiming timing) {
        return PostgresCatalogChangeFeed.fromDataSource(dataSource)
                .withVersionPoll(dataSource, timing.versionPollInterval())
                .withSelfTestTimeout(timing.selfTestTimeout());
    }

    /**
     * No LISTEN at all: only the catalog version, read through the data source every {@code interval}. For where
     * LISTEN is known not to work and no direct URL is available.
     */
    public CatalogChangeFeed versionPollFeed(Duration interval) {
        return PostgresCatalogChangeFeed.fromDataSource(dataSource)
                .withVersionPoll(dataSource, interval)
                .withoutListen();
    }
}
