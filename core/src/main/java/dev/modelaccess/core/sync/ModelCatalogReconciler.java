package dev.modelaccess.core.sync;

import dev.modelaccess.core.catalog.CatalogFingerprint;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelFingerprint;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Pricing;
import dev.modelaccess.core.catalog.UpstreamModel;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a catalog sync writes. A pure function of the current catalog, one upstream snapshot, the guard
 * settings and the clock: it reads nothing and writes nothing.
 *
 * <p>The rules, in the order they are applied:
 *
 * <ol>
 *   <li>Guards that no one may force: an empty upstream list, the same id twice.
 *   <li>{@code min-upstream-ratio}: upstream returned fewer readable models than that share of the present (not
 *       {@code inactive}) models; unreadable entries do not count, as they can be nothing in a dropdown. Skipped
 *       when forced or when nothing is present yet.
 *   <li>Model by model: unknown upstream → {@code added} as {@code new} with every tier off; {@code inactive}
 *       and back upstream → {@code returned} to the status it had; present on both sides → {@code refreshed}
 *       when its fingerprint (a hash of the canonical upstream JSON) differs, else {@code unchanged} and not
 *       written; present in the catalog but gone upstream → {@code deactivated}. An entry upstream that could
 *       not be read leaves its row exactly as it is.
 *   <li>{@code max-deactivation-ratio}: the plan would make more than that share of present models {@code
 *       inactive}. Skipped when forced or when nothing is present yet.
 * </ol>
 *
 * <p>The plan never carries admin-owned values (status other than the {@code inactive} transitions, tier flags,
 * review): the store writes only upstream-owned columns for it.
 */
public final class ModelCatalogReconciler {

    private final Clock clock;

    public ModelCatalogReconciler(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param current every catalog row, in any status
     * @param upstream what the catalog source returned
     * @param guards the ratio limits
     * @param force let the run past the ratio guards (never past an empty list or a duplicate id)
     */
    public Reconciliation reconcile(
            Collection<CatalogModel> current, UpstreamSnapshot upstream, SyncGuards guards, boolean force) {
        Map<String, UpstreamModel> stored = new HashMap<>(current.size() * 2);
        current.forEach(row -> stored.put(row.modelId(), row.upstream()));
        return reconcile(
                current.stream().map(CatalogFingerprint::of).toList(),
                ids -> {
                    Map<String, UpstreamModel> found = new HashMap<>();
                    ids.forEach(id -> {
                        UpstreamModel model = stored.get(id);
                        if (model != null) {
                            found.put(id, model);
                        }
                    });
                    return found;
                },
                upstream,
                guards,
                force);
    }

    /**
     * The same decision from each row's fingerprint and status only: the stored upstream descriptions are asked of
     * {@code storedUpstream} once, for the models whose fingerprint differs (to tell what changed), so a sync of an
     * unchanged catalog reads none of them.
     *
     * @param current every catalog row's id, fingerprint and status
     * @param storedUpstream the stored upstream descriptions of the given ids
     */
    public Reconciliation reconcile(
            Collection<CatalogFingerprint> current,
            Function<Collection<String>, Map<String, UpstreamModel>> storedUpstream,
            UpstreamSnapshot upstream,
            SyncGuards guards,
            boolean force) {
        if (upstream.models().isEmpty()) {
            return new Reconciliation.Aborted(
                    AbortReason.EMPTY_UPSTREAM,
                    "Upstream returned no readable model ("
                            + upstream.invalidEntries().size() + " unreadable entries)");
        }
        String duplicate = firstDuplicateId(upstream);
        if (duplicate != null) {
            return new Reconciliation.Aborted(
                    AbortReason.DUPLICATE_ID, "Upstream listed the model '" + duplicate + "' more than once");
        }

        Map<String, CatalogFingerprint> rows = new HashMap<>(current.size() * 2);
        long present = 0;
        for (CatalogFingerprint row : current) {
            rows.put(row.modelId(), row);
            if (row.status() != ModelStatus.INACTIVE) {
                present++;
            }
        }
        int readable = upstream.models().size();
        if (!force && present > 0 && isBelow(readable, guards.minUpstreamRatio(), present)) {
            return new Reconciliation.Aborted(
                    AbortReason.TOO_FEW_UPSTREAM_MODELS,
                    "Upstream returned " + readable + " readable models ("
                            + upstream.invalidEntries().size()
                            + " unreadable entries) for " + present + " present models, below the minimum ratio "
                            + guards.minUpstreamRatio());
        }

        SyncPlan plan = plan(rows, storedUpstream, upstream);
        if (!force && present > 0 && isAbove(plan.deactivated().size(), guards.maxDeactivationRatio(), present)) {
            return new Reconciliation.Aborted(
                    AbortReason.TOO_MANY_DEACTIVATIONS,
                    "The run would make " + plan.deactivated().size() + " of " + present
                            + " present models inactive, above the maximum ratio " + guards.maxDeactivationRatio());
        }
        return new Reconciliation.Planned(plan);
    }

    /** {@code count < ratio × total}, in decimal arithmetic so that a count exactly at the ratio is never off by a rounding error. */
    private static boolean isBelow(long count, double ratio, long total) {
        return BigDecimal.valueOf(count).compareTo(share(ratio, total)) < 0;
    }

    /** {@code count > ratio × total}, in decimal arithmetic (with {@code double}, 29 > 0.29 × 100). */
    private static boolean isAbove(long count, double ratio, long total) {
        return BigDecimal.valueOf(count).compareTo(share(ratio, total)) > 0;
    }

    private static BigDecimal share(double ratio, long total) {
        return BigDecimal.valueOf(ratio).multiply(BigDecimal.valueOf(total));
    }

    private SyncPlan plan(
            Map<String, CatalogFingerprint> rows,
            Function<Collection<String>, Map<String, UpstreamModel>> storedUpstream,
            UpstreamSnapshot upstream) {
        Instant now = clock.instant();
        List<String> fingerprints = fingerprints(upstream.models());
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < fingerprints.size(); i++) {
            CatalogFingerprint row = rows.get(upstream.models().get(i).id());
            if (row != null && !row.fingerprint().equals(fingerprints.get(i))) {
                changed.add(row.modelId());
            }
        }
        Map<String, UpstreamModel> before = changed.isEmpty() ? Map.of() : storedUpstream.apply(changed);
        List<SyncPlan.Upsert> added = new ArrayList<>();
        List<SyncPlan.Refresh> refreshed = new ArrayList<>();
        List<SyncPlan.Return> returned = new ArrayList<>();
        List<SyncPlan.Deactivation> deactivated = new ArrayList<>();
        List<ModelEvent> events = new ArrayList<>();
        int unchanged = 0;

        Set<String> seen = new HashSet<>(upstream.entryCount() * 2);
        for (int i = 0; i < fingerprints.size(); i++) {
            UpstreamModel model = upstream.models().get(i);
            seen.add(model.id());
            SyncPlan.Upsert upsert = new SyncPlan.Upsert(model, fingerprints.get(i));
            CatalogFingerprint row = rows.get(model.id());
            if (row == null) {
                added.add(upsert);
                events.add(event(model.id(), EventKind.ADDED, Map.of(), Map.of("status", "new"), now));
            } else if (row.status() == ModelStatus.INACTIVE) {
                ModelStatus restored = restoredStatus(row);
                returned.add(new SyncPlan.Return(upsert, restored));
                events.add(event(
                        model.id(),
                        EventKind.RETURNED,
                        Map.of("status", ModelStatus.INACTIVE.dbValue()),
                        Map.of("status", restored.dbValue()),
                        now));
                if (!row.fingerprint().equals(upsert.fingerprint())) {
                    addChangeEvents(stored(before, row), model, now, events);
                }
            } else if (row.fingerprint().equals(upsert.fingerprint())) {
                unchanged++;
            } else {
                UpstreamModel was = stored(before, row);
                boolean priceChanged = !was.pricing().samePriceAs(model.pricing());
                boolean metadataChanged = addChangeEvents(was, model, now, events);
                refreshed.add(new SyncPlan.Refresh(upsert, priceChanged, metadataChanged));
            }
        }
        for (var invalid : upstream.invalidEntries()) {
            if (invalid.modelId() != null) {
                seen.add(invalid.modelId());
            }
        }
        List<CatalogFingerprint> gone = rows.values().stream()
                .filter(row -> row.status() != ModelStatus.INACTIVE && !seen.contains(row.modelId()))
                .sorted(java.util.Comparator.comparing(CatalogFingerprint::modelId))
                .toList();
        for (CatalogFingerprint row : gone) {
            deactivated.add(new SyncPlan.Deactivation(row.modelId(), row.status()));
            events.add(event(
                    row.modelId(),
                    EventKind.REMOVED,
                    Map.of("status", row.status().dbValue()),
                    Map.of("status", ModelStatus.INACTIVE.dbValue()),
                    now));
        }
        return new SyncPlan(added, refreshed, deactivated, returned, unchanged, upstream.invalidEntries(), events);
    }

    /**
     * The fingerprints of the upstream models, in their order; hashed on the common pool when there are many (at
     * 50,000 models of 2.5 kB, hashing is most of an unchanged sync's time).
     */
    private static List<String> fingerprints(List<UpstreamModel> models) {
        var stream = models.size() < PARALLEL_FINGERPRINTS ? models.stream() : models.parallelStream();
        return stream.map(ModelFingerprint::of).toList();
    }

    private static final int PARALLEL_FINGERPRINTS = 2_000;

    private static UpstreamModel stored(Map<String, UpstreamModel> before, CatalogFingerprint row) {
        UpstreamModel model = before.get(row.modelId());
        if (model == null) {
            throw new IllegalStateException(
                    "The store did not return the stored description of '" + row.modelId() + "'");
        }
        return model;
    }

    private static ModelStatus restoredStatus(CatalogFingerprint row) {
        ModelStatus before = row.statusBeforeInactive();
        return before == null || before == ModelStatus.INACTIVE ? ModelStatus.NEW : before;
    }

    /**
     * Adds {@code price_changed} and {@code metadata_changed} events for what differs between two descriptions
     * whose fingerprints differ. Returns whether anything but the price changed (a change only in fields this
     * library does not map counts as metadata).
     */
    private static boolean addChangeEvents(
            UpstreamModel before, UpstreamModel after, Instant now, List<ModelEvent> events) {
        boolean priceChanged = !before.pricing().samePriceAs(after.pricing());
        if (priceChanged) {
            Map<String, String> was = priceFields(before.pricing());
            Map<String, String> is = priceFields(after.pricing());
            events.add(event(after.id(), EventKind.PRICE_CHANGED, onlyChanged(was, is), onlyChanged(is, was), now));
        }
        Map<String, String> was = metadataFields(before);
        Map<String, String> is = metadataFields(after);
        Map<String, String> changedBefore = onlyChanged(was, is);
        Map<String, String> changedAfter = onlyChanged(is, was);
        boolean metadataChanged = !changedBefore.isEmpty() || !changedAfter.isEmpty() || !priceChanged;
        if (metadataChanged) {
            if (changedBefore.isEmpty() && changedAfter.isEmpty()) {
                changedAfter = Map.of("upstream", "fields outside the mapped columns changed");
            }
            events.add(event(after.id(), EventKind.METADATA_CHANGED, changedBefore, changedAfter, now));
        }
        return metadataChanged;
    }

    private static Map<String, String> onlyChanged(Map<String, String> mine, Map<String, String> theirs) {
        Map<String, String> changed = new TreeMap<>();
        mine.forEach((key, value) -> {
            if (!value.equals(theirs.get(key))) {
                changed.put(key, value);
            }
        });
        return changed;
    }

    private static Map<String, String> priceFields(Pricing pricing) {
        Map<String, String> fields = new TreeMap<>();
        pricing.components()
                .forEach((name, value) ->
                        fields.put(name, value.stripTrailingZeros().toPlainString()));
        for (int i = 0; i < pricing.overrides().size(); i++) {
            int index = i;
            pricing.overrides()
                    .get(i)
                    .forEach((name, value) -> fields.put(
                            "overrides[" + index + "]." + name,
                            value.stripTrailingZeros().toPlainString()));
        }
        return fields;
    }

    private static Map<String, String> metadataFields(UpstreamModel model) {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "canonical_slug", model.canonicalSlug());
        put(fields, "name", model.name());
        put(fields, "description", model.description());
        put(fields, "created", model.created());
        put(fields, "context_length", model.contextLength());
        put(fields, "architecture.modality", model.architecture().modality());
        put(
                fields,
                "architecture.input_modalities",
                String.join(",", model.architecture().inputModalities()));
        put(
                fields,
                "architecture.output_modalities",
                String.join(",", model.architecture().outputModalities()));
        put(fields, "architecture.tokenizer", model.architecture().tokenizer());
        put(fields, "architecture.instruct_type", model.architecture().instructType());
        put(fields, "top_provider.context_length", model.topProvider().contextLength());
        put(fields, "top_provider.max_completion_tokens", model.topProvider().maxCompletionTokens());
        put(fields, "top_provider.is_moderated", model.topProvider().moderated());
        put(fields, "supported_parameters", String.join(",", model.supportedParameters()));
        put(fields, "hugging_face_id", model.huggingFaceId());
        put(fields, "expiration_date", model.expirationDate());
        put(fields, "knowledge_cutoff", model.knowledgeCutoff());
        return fields;
    }

    private static void put(Map<String, String> fields, String name, @Nullable Object value) {
        if (value != null) {
            fields.put(name, value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString());
        }
    }

    private static @Nullable String firstDuplicateId(UpstreamSnapshot upstream) {
        Set<String> ids = new HashSet<>(upstream.entryCount() * 2);
        for (UpstreamModel model : upstream.models()) {
            if (!ids.add(model.id())) {
                return model.id();
            }
        }
        for (InvalidEntry invalid : upstream.invalidEntries()) {
            if (invalid.modelId() != null && !ids.add(invalid.modelId())) {
                return invalid.modelId();
            }
        }
        return null;
    }

    private static ModelEvent event(
            String modelId, EventKind kind, Map<String, String> before, Map<String, String> after, Instant at) {
        return ModelEvent.of(modelId, kind, before, after, ModelEvent.SYNC_ACTOR, at);
    }
}
