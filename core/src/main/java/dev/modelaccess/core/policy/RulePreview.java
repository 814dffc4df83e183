package dev.modelaccess.core.policy;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.CatalogReader;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.core.sync.SyncRunStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule set (saved or a draft) would do, without writing anything: to the models now {@code new}, and to the
 * models the last {@code n} successful syncs added (those first seen since the oldest of those runs started, in
 * whatever status they are now), judged on their descriptions as stored now.
 */
public final class RulePreview {

    public static final int MAX_SYNCS = 100;
    private static final Comparator<UpstreamModel> BY_ID = Comparator.comparing(UpstreamModel::id);

    private final CatalogReader catalog;

    public RulePreview(CatalogReader catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * @param pending the models now {@code new}
     * @param recent the models the last {@code syncs} successful syncs added
     * @param since when the oldest of those syncs started; empty when there was none
     */
    public record Result(RuleOutcome pending, RuleOutcome recent, int syncs, Optional<Instant> since) {}

    /**
     * @param syncs how many of the latest successful syncs to look back on, 0 to {@value #MAX_SYNCS}
     * @throws InvalidRuleException naming {@code syncs} when it is out of range
     */
    public Result preview(RuleSet rules, int syncs) {
        if (syncs < 0 || syncs > MAX_SYNCS) {
            throw new InvalidRuleException("syncs", "syncs must be between 0 and " + MAX_SYNCS + "; got " + syncs);
        }
        List<CatalogModel> models = catalog.loadCatalog();
        List<UpstreamModel> pending = models.stream()
                .filter(model -> model.status() == ModelStatus.NEW)
                .map(CatalogModel::upstream)
                .sorted(BY_ID)
                .toList();
        Optional<Instant> since = Optional.empty();
        if (syncs > 0) {
            List<SyncRun> succeeded = catalog.recentRuns(syncs * 4 + 20).stream()
                    .filter(run -> run.status() == SyncRunStatus.SUCCEEDED)
                    .limit(syncs)
                    .toList();
            since = succeeded.isEmpty()
                    ? Optional.empty()
                    : Optional.of(succeeded.getLast().startedAt());
        }
        List<UpstreamModel> recent = since.map(start -> models.stream()
                        .filter(model -> !model.firstSeenAt().isBefore(start))
                        .map(CatalogModel::upstream)
                        .sorted(BY_ID)
                        .toList())
                .orElse(List.of());
        return new Result(RuleOutcome.of(rules, pending), RuleOutcome.of(rules, recent), syncs, since);
    }
}
