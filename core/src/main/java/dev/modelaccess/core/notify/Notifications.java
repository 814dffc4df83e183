package dev.modelaccess.core.notify;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.Pricing;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.core.sync.SyncRunStatus;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happened (a sync's plan, a stopped run, an expiry check, a key re-verification) into notices routed to
 * the channels switched on. Pure: it writes nothing; the callers hand its entries to {@link
 * dev.modelaccess.core.port.StoreTransaction#enqueueNotices} in the transaction of the change.
 *
 * @see NoticeKind for the payloads
 */
public final class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    /** At most this many models are listed in one payload; the count is always the full one. */
    public static final int MAX_LISTED = 500;

    /** How the notices are written and worded. */
    public record Settings(
            NoticeRouting routing,
            BigDecimal priceChangeThreshold,
            @Nullable String consoleUrl) {

        public Settings {
            Objects.requireNonNull(routing, "routing");
            Objects.requireNonNull(priceChangeThreshold, "priceChangeThreshold");
            if (priceChangeThreshold.signum() < 0) {
                throw new IllegalArgumentException("priceChangeThreshold must not be negative");
            }
            if (consoleUrl != null) {
                consoleUrl = consoleUrl.endsWith("/") ? consoleUrl.substring(0, consoleUrl.length() - 1) : consoleUrl;
            }
        }
    }

    private static final Notifications OFF = new Notifications(
            new Settings(NoticeRouting.NONE, BigDecimal.ONE, null),
            ModelUsage.UNKNOWN,
            Clock.systemUTC(),
            UUID::randomUUID);

    private final Settings settings;
    private final ModelUsage usage;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public Notifications(Settings settings, ModelUsage usage, Clock clock) {
        this(settings, usage, clock, UUID::randomUUID);
    }

    public Notifications(Settings settings, ModelUsage usage, Clock clock, Supplier<UUID> ids) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** No channel: every method answers no entry. */
    public static Notifications off() {
        return OFF;
    }

    public boolean isOff() {
        return settings.routing().isOff();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The notices of an applied sync plan: models awaiting review ({@link NoticeKind#MODELS_AWAITING_REVIEW}),
     * models gone upstream ({@link NoticeKind#MODELS_VANISHED}), prices changed beyond the threshold ({@link
     * NoticeKind#PRICES_CHANGED}).
     *
     * @param before the catalog the plan was made from
     */
    public List<OutboxEntry> forSync(UUID runId, List<CatalogModel> before, SyncPlan plan) {
        return forSync(runId, before, plan, Set.of());
    }

    /**
     * The notices of an applied sync plan whose added models the catalog policy partly decided.
     *
     * @param decided the ids of the added models the catalog rules approved or disabled: they wait for nobody, so
     *     the models-awaiting-review notice leaves them out (and is not written when none is left)
     */
    public List<OutboxEntry> forSync(UUID runId, List<CatalogModel> before, SyncPlan plan, Set<String> decided) {
        if (isOff()) {
            return List.of();
        }
        Instant at = clock.instant();
        List<Notice> notices = new ArrayList<>();
        List<SyncPlan.Upsert> awaiting = plan.added().stream()
                .filter(upsert -> !decided.contains(upsert.model().id()))
                .toList();
        if (!awaiting.isEmpty()) {
            notices.add(awaitingReview(runId, awaiting, at));
        }
        if (!plan.deactivated().isEmpty()) {
            notices.add(vanished(runId, before, plan.deactivated(), at));
        }
        priceChanges(runId, before, plan.refreshed(), at).ifPresent(notices::add);
        return settings.routing().route(notices);
    }

    /** The notice of a sync that failed or that a guard stopped ({@link NoticeKind#SYNC_FAILED}). */
    public List<OutboxEntry> forStoppedRun(SyncRun run) {
        if (isOff()) {
            return List.of();
        }
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("sync_run_id", run.id().toString());
        data.put("status", run.status().dbValue());
        data.put("trigger", run.trigger().dbValue());
        data.put("started_at", run.startedAt().toString());
        data.put("error", run.error());
        String verb = run.status() == SyncRunStatus.ABORTED ? "was stopped by a guard" : "failed";
        String error = run.error() == null ? "" : run.error();
        return settings.routing()
                .route(List.of(notice(
                        NoticeKind.SYNC_FAILED,
                        clock.instant(),
                        "The catalog sync " + verb,
                        error.isEmpty() ? List.of() : List.of(error.length() > 300 ? error.substring(0, 300) : error),
                        link("/syncs"),
                        data,
                        null)));
    }

    /** The notice that re-verification found keys revoked ({@link NoticeKind#KEYS_REVOKED}); counts only. */
    public List<OutboxEntry> forRevokedKeys(int revoked, int checked) {
        if (isOff() || revoked <= 0) {
            return List.of();
        }
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("revoked", revoked);
        data.put("checked", checked);
        return settings.routing()
                .route(List.of(notice(
                        NoticeKind.KEYS_REVOKED,
                        clock.instant(),
                        revoked + (revoked == 1 ? " user key was" : " user keys were") + " found revoked by OpenRouter",
                        List.of(checked + " keys checked"),
                        link("/keys"),
                        data,
                        null)));
    }

    /**
     * The notice that a model expires within {@code leadDays} days ({@link NoticeKind#MODEL_EXPIRING}), written at
     * most once per model and lead time (its dedupe key).
     */
    public List<OutboxEntry> forExpiring(CatalogModel model, LocalDate expiresOn, LocalDate today, int leadDays) {
        if (isOff()) {
            return List.of();
        }
        long daysLeft = java.time.temporal.ChronoUnit.DAYS.between(today, expiresOn);
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("model_id", model.modelId());
        data.put("name", model.upstream().name());
        data.put("expiration_date", expiresOn.toString());
        data.put("days_left", daysLeft);
        data.put("lead_days", leadDays);
        data.put("status", model.status().dbValue());
        String when = daysLeft <= 0 ? "today" : daysLeft == 1 ? "in 1 day" : "in " + daysLeft + " days";
        return settings.routing()
                .route(List.of(notice(
                        NoticeKind.MODEL_EXPIRING,
                        clock.instant(),
                        model.modelId() + " expires " + when + " (" + expiresOn + ")",
                        List.of(),
                        link("/models/" + model.modelId()),
                        data,
                        NoticeKind.MODEL_EXPIRING.type() + ":" + model.modelId() + ":" + leadDays + "d")));
    }

    private Notice awaitingReview(UUID runId, List<SyncPlan.Upsert> added, Instant at) {
        List<Map<String, @Nullable Object>> models = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (SyncPlan.Upsert upsert : added) {
            if (models.size() < MAX_LISTED) {
                Map<String, @Nullable Object> model = new LinkedHashMap<>();
                model.put("id", upsert.model().id());
                model.put("name", upsert.model().name());
                models.add(model);
            }
            lines.add(upsert.model().id());
        }
        String reviewUrl = link("/models?status=new");
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("sync_run_id", runId.toString());
        data.put("count", added.size());
        data.put("models", models);
        data.put("truncated", added.size() > MAX_LISTED);
        data.put("review_url", reviewUrl);
        int n = added.size();
        return notice(
                NoticeKind.MODELS_AWAITING_REVIEW,
                at,
                n + (n == 1 ? " new model waits" : " new models wait") + " for review",
                lines,
                reviewUrl,
                data,
                null);
    }

    private Notice vanished(UUID runId, List<CatalogModel> before, List<SyncPlan.Deactivation> gone, Instant at) {
        Map<String, CatalogModel> byId = index(before);
        List<String> ids = gone.stream().map(SyncPlan.Deactivation::modelId).toList();
        Optional<Map<String, Long>> defaults = safely("users with default", usage::usersWithDefault, ids);
        Optional<Map<String, Long>> resources = safely("bound resources", usage::boundResources, ids);
        List<Map<String, @Nullable Object>> models = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        long usersTotal = 0;
        long resourcesTotal = 0;
        for (SyncPlan.Deactivation deactivation : gone) {
            String id = deactivation.modelId();
            @Nullable Long users = defaults.map(m -> m.getOrDefault(id, 0L)).orElse(null);
            @Nullable Long bound = resources.map(m -> m.getOrDefault(id, 0L)).orElse(null);
            usersTotal += users == null ? 0 : users;
            resourcesTotal += bound == null ? 0 : bound;
            if (models.size() < MAX_LISTED) {
                Map<String, @Nullable Object> model = new LinkedHashMap<>();
                model.put("id", id);
                CatalogModel row = byId.get(id);
                model.put("name", row == null ? null : row.upstream().name());
                model.put("previous_status", deactivation.previousStatus().dbValue());
                model.put("users_with_default", users);
                model.put("bound_resources", bound);
                models.add(model);
            }
            lines.add(id + ": " + count(users, "user", "users") + " with it as default, "
                    + count(bound, "bound resource", "bound resources"));
        }
        Map<String, @Nullable Object> known = new LinkedHashMap<>();
        known.put("users_with_default", defaults.isPresent());
        known.put("bound_resources", resources.isPresent());
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("sync_run_id", runId.toString());
        data.put("count", gone.size());
        data.put("models", models);
        data.put("truncated", gone.size() > MAX_LISTED);
        data.put("users_with_default", defaults.isPresent() ? usersTotal : null);
        data.put("bound_resources", resources.isPresent() ? resourcesTotal : null);
        data.put("usage_known", known);
        int n = gone.size();
        return notice(
                NoticeKind.MODELS_VANISHED,
                at,
                n + (n == 1 ? " model vanished" : " models vanished") + " upstream",
                lines,
                link("/models?status=inactive"),
                data,
                null);
    }

    private Optional<Notice> priceChanges(
            UUID runId, List<CatalogModel> before, List<SyncPlan.Refresh> refreshed, Instant at) {
        Map<String, CatalogModel> byId = index(before);
        List<Map<String, @Nullable Object>> models = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        int count = 0;
        for (SyncPlan.Refresh refresh : refreshed) {
            if (!refresh.priceChanged()) {
                continue;
            }
            CatalogModel old = byId.get(refresh.upsert().model().id());
            if (old == null) {
                continue;
            }
            List<Map<String, @Nullable Object>> changes =
                    changes(old.upstream().pricing(), refresh.upsert().model().pricing());
            if (changes.isEmpty()) {
                continue;
            }
            count++;
            String id = refresh.upsert().model().id();
            if (models.size() < MAX_LISTED) {
                Map<String, @Nullable Object> model = new LinkedHashMap<>();
                model.put("id", id);
                model.put("name", refresh.upsert().model().name());
                model.put("status", old.status().dbValue());
                model.put("changes", changes);
                models.add(model);
            }
            lines.add(id + ": "
                    + changes.stream()
                            .map(c -> c.get("component") + " " + c.get("from") + " → " + c.get("to"))
                            .collect(Collectors.joining(", ")));
        }
        if (count == 0) {
            return Optional.empty();
        }
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("sync_run_id", runId.toString());
        data.put("threshold", settings.priceChangeThreshold().toPlainString());
        data.put("count", count);
        data.put("models", models);
        data.put("truncated", count > MAX_LISTED);
        return Optional.of(notice(
                NoticeKind.PRICES_CHANGED,
                at,
                count + (count == 1 ? " model's price changed" : " models' prices changed") + " by more than "
                        + settings.priceChangeThreshold()
                                .movePointRight(2)
                                .stripTrailingZeros()
                                .toPlainString() + "%",
                lines,
                link("/models"),
                data,
                null));
    }

    /**
     * The components whose price changed by more than the threshold, relative to the old price; a component that
     * appears, disappears, or leaves zero always counts.
     */
    List<Map<String, @Nullable Object>> changes(Pricing before, Pricing after) {
        List<Map<String, @Nullable Object>> changes = new ArrayList<>();
        for (String component : new TreeSet<>(
                union(before.components().keySet(), after.components().keySet()))) {
            BigDecimal from = before.components().get(component);
            BigDecimal to = after.components().get(component);
            if (from != null && to != null && from.compareTo(to) == 0) {
                continue;
            }
            @Nullable BigDecimal ratio = null;
            if (from != null && to != null && from.signum() != 0) {
                ratio = to.subtract(from).divide(from.abs(), MathContext.DECIMAL64);
                if (ratio.abs().compareTo(settings.priceChangeThreshold()) <= 0) {
                    continue;
                }
            }
            Map<String, @Nullable Object> change = new LinkedHashMap<>();
            change.put("component", component);
            change.put("from", from == null ? null : from.toPlainString());
            change.put("to", to == null ? null : to.toPlainString());
            change.put(
                    "relative_change",
                    ratio == null ? null : ratio.stripTrailingZeros().toPlainString());
            changes.add(change);
        }
        return changes;
    }

    private static Collection<String> union(Collection<String> a, Collection<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private Notice notice(
            NoticeKind kind,
            Instant at,
            String title,
            List<String> lines,
            @Nullable String link,
            Map<String, @Nullable Object> data,
            @Nullable String dedupeKey) {
        return new Notice(ids.get(), kind, at, title, lines, link, data, dedupeKey);
    }

    private @Nullable String link(String path) {
        return settings.consoleUrl() == null ? null : settings.consoleUrl() + path;
    }

    private static Map<String, CatalogModel> index(List<CatalogModel> models) {
        Map<String, CatalogModel> byId = new LinkedHashMap<>();
        models.forEach(model -> byId.put(model.modelId(), model));
        return byId;
    }

    private static Optional<Map<String, Long>> safely(
            String what, Function<Collection<String>, Optional<Map<String, Long>>> count, List<String> ids) {
        try {
            return count.apply(ids);
        } catch (RuntimeException e) {
            log.warn("Could not count the {} of vanished models; the notice says unknown: {}", what, e.toString());
            return Optional.empty();
        }
    }

    private static String count(@Nullable Long n, String one, String many) {
        return n == null ? "unknown " + many : n + " " + (n == 1 ? one : many);
    }
}
