package dev.modelaccess.benchmarks;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.sync.ModelCatalogReconciler;
import dev.modelaccess.core.sync.Reconciliation;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
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
 * How long {@link ModelCatalogReconciler} takes to plan a sync of a synthetic catalog: a re-sync where nothing
 * changed (every upstream model is fingerprinted and compared, nothing is planned) and one where about 10% of the
 * catalog changed (re-priced, renamed, gone, back, new — with their events).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Reconciler -f1 -wi 3 -i 5
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
public class ReconcilerBenchmark {

    @Param({"500", "5000", "50000"})
    public int models;

    private final ModelCatalogReconciler reconciler =
            new ModelCatalogReconciler(Clock.fixed(SyntheticCatalog.SEEN.plusSeconds(86_400), ZoneOffset.UTC));

    private List<CatalogModel> catalog = List.of();
    private UpstreamSnapshot unchanged = UpstreamSnapshot.of(List.of());
    private UpstreamSnapshot changed = UpstreamSnapshot.of(List.of());

    @Setup(Level.Trial)
    public void createCatalog() {
        catalog = SyntheticCatalog.catalog(models);
        unchanged = SyntheticCatalog.unchanged(models);
        changed = SyntheticCatalog.tenPercentChanged(models);
        requirePlanned(reconciler.reconcile(catalog, unchanged, SyncGuards.DEFAULTS, false), true);
        requirePlanned(reconciler.reconcile(catalog, changed, SyncGuards.DEFAULTS, false), false);
    }

    private static void requirePlanned(Reconciliation result, boolean writesNothing) {
        if (!(result instanceof Reconciliation.Planned planned)
                || planned.plan().writesNothing() != writesNothing) {
            throw new IllegalStateException("The synthetic catalog does not give the intended plan: " + result);
        }
    }

    @Benchmark
    public Reconciliation unchangedResync() {
        return reconciler.reconcile(catalog, unchanged, SyncGuards.DEFAULTS, false);
    }

    @Benchmark
    public Reconciliation tenPercentChanged() {
        return reconciler.reconcile(catalog, changed, SyncGuards.DEFAULTS, false);
    }
}
