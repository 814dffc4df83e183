package dev.modelaccess.benchmarks;

import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.policy.CatalogPolicy;
import dev.modelaccess.core.policy.CatalogRule;
import dev.modelaccess.core.policy.Glob;
import dev.modelaccess.core.policy.PriceHolds;
import dev.modelaccess.core.policy.ReviewHold;
import dev.modelaccess.core.policy.RuleAction;
import dev.modelaccess.core.policy.RuleDecision;
import dev.modelaccess.core.policy.RuleMatch;
import dev.modelaccess.core.policy.RuleSet;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.ModelCatalogReconciler;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.Reconciliation;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRun;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the catalog rules add to a sync: 200 rules deciding every model of a first sync of 50,000 synthetic models
 * (211 authors). {@code decide} is the rules alone; {@code afterPlan} is the whole policy step the sync runs in its
 * transaction (decisions, the admin updates and events they make, the price-hold scan), against a store
 * transaction that only counts what it is handed, so that the figure is what core adds before the database writes.
 *
 * <p>The rules are made to be costly: 150 limited to one author each (with a context floor no model reaches, so
 * they never match), 45 open to every author with model-id globs, modality and price criteria that rarely or
 * never match, then a free rule, an image-output rule, a price rule on a glob of authors and a final catch-all
 * review; most models are tried against about 50 rules before one matches.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CatalogRules -f1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CatalogRulesBenchmark {

    static final Instant AT = SyntheticCatalog.SEEN.plusSeconds(86_400);

    @Param({"50000"})
    public int models;

    @Param({"200"})
    public int rules;

    private RuleSet ruleSet = RuleSet.EMPTY;
    private List<UpstreamModel> added = List.of();
    private SyncPlan plan;
    private CatalogPolicy policy;

    @Setup(Level.Trial)
    public void create() {
        ruleSet = RuleSet.of(rules(rules));
        Reconciliation planned = new ModelCatalogReconciler(Clock.fixed(AT, ZoneOffset.UTC))
                .reconcile(
                        List.of(),
                        dev.modelaccess.core.sync.UpstreamSnapshot.of(java.util.stream.IntStream.range(0, models)
                                .mapToObj(i -> SyntheticCatalog.model(i, 0))
                                .toList()),
                        SyncGuards.DEFAULTS,
                        true);
        plan = ((Reconciliation.Planned) planned).plan();
        added = plan.added().stream().map(SyncPlan.Upsert::model).toList();
        policy = new CatalogPolicy(() -> ruleSet, PriceHolds.DEFAULT);
        if (added.size() != models || ruleSet.decide(added).size() != models) {
            throw new IllegalStateException("Every model must be added, and the catch-all rule must decide each");
        }
    }

    /** {@code count} rules, the last four the ones that match. */
    static List<CatalogRule> rules(int count) {
        List<CatalogRule> list = new ArrayList<>();
        int limited = count * 3 / 4;
        for (int i = 0; i < limited; i++) {
            list.add(new CatalogRule(
                    "author-" + i,
                    new RuleMatch(
                            RuleMatch.authorGlobs(List.of("author-" + i + "/*")),
                            null,
                            null,
                            null,
                            null,
                            new BigDecimal("5"),
                            null,
                            1_000_000L),
                    new RuleAction.Approve(new TierFlags(false, true, true))));
        }
        for (int i = limited; i < count - 4; i++) {
            list.add(new CatalogRule(
                    "open-" + i,
                    new RuleMatch(
                            List.of(),
                            Glob.compile("*/model-" + i + "*-instruct", "match.model_id"),
                            null,
                            i % 2 == 0 ? "audio" : null,
                            null,
                            null,
                            new BigDecimal("0.5"),
                            null),
                    new RuleAction.Disable()));
        }
        list.add(new CatalogRule(
                "free",
                new RuleMatch(List.of(), null, true, null, null, null, null, null),
                new RuleAction.Approve(new TierFlags(true, false, false))));
        list.add(new CatalogRule(
                "image-output",
                new RuleMatch(List.of(), null, null, null, "image", null, null, null),
                new RuleAction.Disable()));
        list.add(new CatalogRule(
                "cheap-author-1x",
                new RuleMatch(
                        RuleMatch.authorGlobs(List.of("author-1*")),
                        null,
                        null,
                        null,
                        null,
                        new BigDecimal("40"),
                        null,
                        null),
                new RuleAction.Approve(new TierFlags(false, true, true))));
        list.add(new CatalogRule("rest", RuleMatch.ANY, new RuleAction.Review()));
        return list;
    }

    @Benchmark
    public List<RuleDecision> decide() {
        return ruleSet.decide(added);
    }

    @Benchmark
    public int afterPlan() {
        CountingTransaction tx = new CountingTransaction();
        policy.afterPlan(tx, List.of(), plan, AT);
        return tx.written;
    }

    /** A store transaction that only counts the updates and events it is handed. */
    static final class CountingTransaction implements StoreTransaction {
        int written;

        @Override
        public boolean tryLockCatalogSync() {
            return true;
        }

        @Override
        public List<CatalogModel> loadCatalog() {
            return List.of();
        }

        @Override
        public Optional<CatalogModel> lockModel(String modelId) {
            return Optional.empty();
        }

        @Override
        public void applySyncPlan(SyncPlan plan, Instant at) {}

        @Override
        public void applyAdminUpdates(List<AdminUpdate> updates, Instant at) {
            written += updates.size();
        }

        @Override
        public void appendEvents(List<ModelEvent> events) {
            written += events.size();
        }

        @Override
        public void recordRun(SyncRun run) {}

        @Override
        public void placeReviewHolds(List<ReviewHold> holds) {
            written += holds.size();
        }

        @Override
        public Optional<ReviewHold> clearReviewHold(String modelId) {
            return Optional.empty();
        }

        @Override
        public int enqueueNotices(List<dev.modelaccess.core.notify.OutboxEntry> entries) {
            written += entries.size();
            return entries.size();
        }
    }
}
