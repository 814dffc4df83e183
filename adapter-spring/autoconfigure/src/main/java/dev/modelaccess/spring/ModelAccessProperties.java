package dev.modelaccess.spring;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of model-access, under the prefix modelaccess.
 *
 * @param openrouter The OpenRouter API the catalog comes from
 * @param sync The catalog sync: schedule, start-up run and guards
 * @param catalog The in-memory live model list and access rules
 * @param defaultModel The fallback default model id, offered to users whose own default is unset or not usable by
 *     their tier; none by default
 * @param schema The library's database migrations
 * @param profiles Where users' tiers and default models are read from
 * @param keys Key material for users' own OpenRouter keys
 * @param health The health indicator
 * @param pooler Checks for a connection pooler in front of the database
 */
@ConfigurationProperties("modelaccess")
public record ModelAccessProperties(
        @DefaultValue OpenRouter openrouter,
        @DefaultValue Sync sync,
        @DefaultValue Catalog catalog,
        @Nullable String defaultModel,
        @DefaultValue Schema schema,
        @DefaultValue Profiles profiles,
        @DefaultValue Keys keys,
        @DefaultValue Health health,
        @DefaultValue Pooler pooler) {

    /**
     * The OpenRouter API.
     *
     * @param baseUrl The OpenRouter API root
     * @param apiKey An optional API key sent with the catalog calls (the models endpoint is public); never logged
     * @param outputModalities The output_modalities passed to the models call; all keeps image,
     *     audio and embedding models visible to the admin
     * @param connectTimeout How long to wait for a connection to OpenRouter
     * @param readTimeout How long to wait for OpenRouter's answer
     */
    public record OpenRouter(
            @DefaultValue("https://openrouter.ai/api/v1") URI baseUrl,
            @Nullable String apiKey,
            @DefaultValue("all") String outputModalities,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("30s") Duration readTimeout) {

        @Override
        public String toString() {
            return "OpenRouter[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "******")
                    + ", outputModalities=" + outputModalities + ", connectTimeout=" + connectTimeout
                    + ", readTimeout=" + readTimeout + "]";
        }
    }

    /**
     * The catalog sync.
     *
     * @param schedule Whether the scheduled sync runs (manual runs always work)
     * @param cron When the scheduled sync runs, as a Spring cron expression (second minute hour day month weekday)
     * @param zone The time zone of the cron expression
     * @param runOnStartup Whether a sync runs when the application has started: always, when-empty
     *     (only while the catalog has no model) or never
     * @param guard Limits that keep an upstream hiccup from wiping the catalog
     * @param priceHold When a price change holds an active model for review
     * @param statementTimeout How long each statement of a sync's transaction may run (PostgreSQL's statement_timeout,
     *     set for that transaction only); 0 for no bound. A statement that runs longer fails the run, which is recorded
     *     as failed with the reason, and leaves the catalog as it was
     */
    public record Sync(
            @DefaultValue Schedule schedule,
            @DefaultValue("0 0 3 * * *") String cron,
            @DefaultValue("UTC") ZoneId zone,
            @DefaultValue("when-empty") RunOnStartup runOnStartup,
            @DefaultValue Guard guard,
            @DefaultValue PriceHold priceHold,
            @DefaultValue("2m") Duration statementTimeout) {

        public Sync {
            if (statementTimeout != null && statementTimeout.isNegative()) {
                throw new IllegalArgumentException("modelaccess.sync.statement-timeout must not be negative");
            }
        }
    }

    /**
     * Price holds: a sync flags an active model for review when its prompt or completion price rose by more than
     * this factor, or when a free model became paid (which also leaves the free tier at once).
     *
     * @param factor A rise to more than this many times the old price is held (at least 1)
     */
    public record PriceHold(@DefaultValue("2") java.math.BigDecimal factor) {}

    /**
     * The scheduled sync.
     *
     * @param enabled Whether the scheduled sync runs; manual runs (and the start-up run) work either way
     */
    public record Schedule(@DefaultValue("true") boolean enabled) {}

    /** When a sync runs as the application starts. */
    public enum RunOnStartup {
        /** On every start. */
        ALWAYS,
        /** Only while the catalog has no model yet. */
        WHEN_EMPTY,
        /** Never; wait for the schedule or a manual run. */
        NEVER
    }

    /**
     * Sync guards.
     *
     * @param minUpstreamRatio Abort a run when upstream returned fewer models than this share of the models
     *     currently present
     * @param maxDeactivationRatio Abort a run that would make more than this share of the present models inactive
     */
    public record Guard(
            @DefaultValue("0.5") double minUpstreamRatio,
            @DefaultValue("0.10") double maxDeactivationRatio) {}

    /**
     * The in-memory model lists.
     *
     * @param cacheTtl How long the live OpenRouter model list is used before it is fetched again (in the background,
     *     one fetch at a time; on failure the last good list is kept)
     * @param failureBackoff After a failed first fetch of the live list, how long to wait before trying again
     *     (meanwhile the models stored in the database are served)
     * @param rulesReloadInterval How often the access rules are reloaded from the database as a safety net
     *     besides the change notifications and the catalog version; zero or negative switches the periodic reload
     *     off
     * @param versionPollInterval How often each instance reads the catalog version (one primary-key read through
     *     the application's pool; the version goes up in every transaction that changes the catalog) and reloads
     *     its access rules when it moved: the path that works behind any pooler, so another instance's change
     *     arrives within this interval even where LISTEN cannot work
     * @param listen The change notifications that tell every instance to reload its access rules
     */
    public record Catalog(
            @DefaultValue("10m") Duration cacheTtl,
            @DefaultValue("30s") Duration failureBackoff,
            @DefaultValue("1m") Duration rulesReloadInterval,
            @DefaultValue("2s") Duration versionPollInterval,
            @DefaultValue Listen listen) {}

    /**
     * LISTEN/NOTIFY on the catalog: a trigger on model_access notifies, each instance listens on a connection
     * of its own, and changes arrive within a second. After each LISTEN the listener sends itself a notification;
     * when it does not arrive (a transaction-mode pooler such as PgBouncer's or Supabase's on port 6543), one WARN
     * says so and the instance relies on the catalog version.
     *
     * @param enabled Whether to listen; false leaves only the catalog version (version-poll-interval)
     * @param jdbcUrl A jdbc:postgresql: URL to listen on: a direct or session-mode connection (Supabase: the direct
     *     address or the session pooler on port 5432; credentials as URL parameters); by default the application's
     *     data source URL, or a connection of its pool
     * @param selfTestTimeout How long the listener waits for the notification it sent itself before it concludes
     *     that LISTEN does not work on its connection
     */
    public record Listen(
            @DefaultValue("true") boolean enabled,
            @Nullable String jdbcUrl,
            @DefaultValue("2s") Duration selfTestTimeout) {

        @Override
        public String toString() {
            return "Listen[enabled=" + enabled + ", jdbcUrl=" + (jdbcUrl == null ? "none" : "******")
                    + ", selfTestTimeout=" + selfTestTimeout + "]";
        }
    }

    /**
     * The library's database migrations.
     *
     * @param migrate Whether the library's migrations are applied on start-up (with the library's own Flyway
     *     history table, apart from the application's)
     * @param jdbcUrl A jdbc:postgresql: URL the library's migrations run on instead of the application's data
     *     source, like spring.flyway.url: a direct connection when the application's goes through a
     *     transaction-mode pooler, as Supabase recommends for migrations. The migrations are all or nothing either
     *     way
     * @param user The user for jdbc-url (default: none, or the one in the URL)
     * @param password The password for jdbc-url; never logged
     */
    public record Schema(
            @DefaultValue("true") boolean migrate,
            @Nullable String jdbcUrl,
            @Nullable String user,
            @Nullable String password) {

        @Override
        public String toString() {
            return "Schema[migrate=" + migrate + ", jdbcUrl=" + (jdbcUrl == null ? "none" : "******") + ", user=" + user
                    + ", password=" + (password == null ? "none" : "******") + "]";
        }
    }

    /**
     * Checks for a connection pooler in front of the database.
     *
     * @param checkPrepareThreshold Whether the start fails when the data source's URL is a known transaction-mode
     *     pooler endpoint (a host ending in pooler.supabase.com, or port 6543) without prepareThreshold=0, with a
     *     message saying what to add; switch it off for an endpoint that only looks like one
     */
    public record Pooler(@DefaultValue("true") boolean checkPrepareThreshold) {}

    /**
     * The host's user profiles table, read for each user's tier and default model.
     *
     * @param table The table, optionally schema-qualified (public.profiles)
     * @param idColumn The column holding the user id (uuid)
     * @param tierColumn The column holding the tier (free, pro or enterprise); any other
     *     value counts as free
     * @param defaultModelColumn The column holding the user's default model id (nullable)
     * @param cacheTtl How long a profile read is reused before it is read again
     * @param maxStale While the database fails, how long after it was read a profile is still answered from memory
     *     (stale if error), so that users seen shortly before keep their dropdown through an outage; a tier changed
     *     meanwhile shows when the database is back. At least cache-ttl; equal to it switches stale answers off
     */
    public record Profiles(
            @DefaultValue("profiles") String table,
            @DefaultValue("id") String idColumn,
            @DefaultValue("tier") String tierColumn,
            @DefaultValue("default_model") String defaultModelColumn,
            @DefaultValue("5s") Duration cacheTtl,
            @DefaultValue("5m") Duration maxStale) {}

    /**
     * Key material for users' own OpenRouter keys.
     *
     * @param keyset Base64 of a Tink JSON keyset (AES-256-GCM) encrypting users' OpenRouter keys; without it,
     *     storing a user key is refused. In production, prefer a KMS-wrapped keyset through the port.
     * @param reverify The periodic re-verification of stored keys with OpenRouter
     */
    public record Keys(
            @Nullable String keyset, @DefaultValue Reverify reverify) {

        @Override
        public String toString() {
            return "Keys[keyset=" + (keyset == null ? "none" : "******") + ", reverify=" + reverify + "]";
        }
    }

    /**
     * The periodic re-verification of users' stored keys, which marks keys revoked at OpenRouter invalid.
     *
     * @param enabled Whether stored keys are re-verified on a schedule
     * @param cron When, as a Spring cron expression (second minute hour day month weekday)
     * @param zone The time zone of the cron expression
     */
    public record Reverify(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("0 30 4 * * *") String cron,
            @DefaultValue("UTC") ZoneId zone) {}

    /**
     * The health indicator.
     *
     * @param maxSyncAge How old the last successful sync may be before the catalog counts as stale (reported as the
     *     detail stale=true, and with the status stale-status)
     * @param staleStatus The status reported while the catalog is stale, or when no sync ever succeeded: UP (the
     *     default: an OpenRouter outage must not take the application out of its load balancer; staleness shows in
     *     the details), DOWN or OUT_OF_SERVICE (then keep the modelAccess indicator out of liveness and readiness,
     *     for example in a health group of its own)
     */
    public record Health(
            @DefaultValue("36h") Duration maxSyncAge,
            @DefaultValue("UP") String staleStatus) {}
}
