package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.Syncs.sync;
import static dev.modelaccess.jooq.TestModels.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.access.TierPolicy;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.decisions.CatalogAsCode;
import dev.modelaccess.core.decisions.CatalogDecisions;
import dev.modelaccess.core.decisions.ImportRejectedException;
import dev.modelaccess.core.decisions.ImportReport;
import dev.modelaccess.core.decisions.ModelDecision;
import dev.modelaccess.core.policy.RuleSet;
import dev.modelaccess.core.port.DecisionStore;
import dev.modelaccess.core.succession.Succession;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog as code on PostgreSQL at scale: 10,000 models (50,000 with {@code -Dcatalog-as-code.models=50000})
 * exported, imported (a dry run rolled back, then for real) and imported again, with the statements each step sends
 * counted - a number that does not grow with the catalog, and no write at all for the re-import. Prints the times.
 */
@WithPostgres
class JooqDecisionStoreTest {

    static final int MODELS = Integer.getInteger("catalog-as-code.models", 10_000);

    static DataSource dataSource;
    static TestSchema schema;

    @BeforeAll
    static void catalog() throws SQLException {
        ModelAccessSchema.migrate(dataSource);
        sync(JooqModelAccess.of(dataSource).store(), UpstreamSnapshot.of(TestModels.synthetic("scale", MODELS)), T0);
    }

    static CatalogAsCode catalogAsCode(DSLContext dsl) {
        Clock clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
        return new CatalogAsCode(
                new JooqDecisionStore(dsl),
                new Succession(new JooqSuccessionStore(dsl), List.of(), TierPolicy.flags(), clock),
                clock);
    }

    static List<String> writes(StatementLog log) {
        return log.statements().stream()
                .map(sql -> sql.toLowerCase(Locale.ROOT))
                .filter(sql -> sql.startsWith("insert") || sql.startsWith("update") || sql.startsWith("delete"))
                .toList();
    }

    static long count(String sql) throws SQLException {
        return Long.parseLong(schema.strings(sql).getFirst());
    }

    @Test
    void aWholeCatalogIsExportedAndImportedWithAFewStatementsAndTheReImportWritesNothing() throws SQLException {
        StatementLog log = new StatementLog();
        CatalogAsCode code = catalogAsCode(log.on(dataSource));

        long started = System.nanoTime();
        CatalogDecisions exported = code.export();
        long exportMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(exported.models()).hasSize(MODELS);
        assertThat(exported.models()).extracting(ModelDecision::modelId).isSorted();
        assertThat(log.statements()).as("export").hasSizeLessThanOrEqualTo(5);

        List<ModelDecision> approved = new ArrayList<>(MODELS);
        for (ModelDecision model : exported.models()) {
            approved.add(
                    new ModelDecision(model.modelId(), ModelStatus.ACTIVE, new TierFlags(false, true, true), null));
        }
        CatalogDecisions file = new CatalogDecisions(approved, RuleSet.EMPTY, Map.of(Tier.PRO, "scale/model-00001"));

        log.clear();
        started = System.nanoTime();
        ImportReport preview = code.importDecisions(file, true);
        long dryRunMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(preview.models()).hasSize(MODELS);
        assertThat(preview.rowsWritten()).isZero();
        assertThat(count("select count(*) from model_access where status = 'active'"))
                .as("the dry run was rolled back")
                .isZero();
        assertThat(count("select count(*) from tier_defaults")).isZero();

        log.clear();
        started = System.nanoTime();
        ImportReport applied = code.importDecisions(file, false);
        long applyMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(applied.models()).hasSize(MODELS);
        assertThat(applied.rowsWritten())
                .as("every row, two events each, 1 tier default and its event")
                .isEqualTo(MODELS * 3 + 2);
        assertThat(log.statements())
                .as("statements of the import of every model")
                .hasSizeLessThanOrEqualTo(20);
        assertThat(count("select count(*) from model_access where status = 'active' and is_pro and is_enterprise"))
                .isEqualTo(MODELS);
        assertThat(count("select count(*) from model_access_events where actor = 'import'"))
                .isEqualTo(2L * MODELS + 1);

        log.clear();
        started = System.nanoTime();
        ImportReport again = code.importDecisions(code.export(), false);
        long againMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(again.rowsWritten()).isZero();
        assertThat(again.unchangedModels()).isEqualTo(MODELS);
        assertThat(writes(log)).as("importing the export again sends no write").isEmpty();

        System.out.printf(
                "Catalog as code, %,d models: export %d ms, dry run %d ms, import %d ms, re-import %d ms%n",
                MODELS, exportMs, dryRunMs, applyMs, againMs);
    }

    @Test
    void aRolledBackTransactionAnswersAndKeepsNothingAndAFailedOneRethrows() throws SQLException {
        DecisionStore store = JooqModelAccess.of(dataSource).decisionStore();

        String answer = store.inRolledBackTransaction(tx -> {
            tx.replaceRules(RuleSet.EMPTY);
            tx.applyAdminUpdates(List.of(), T0);
            schemaWrite(tx);
            return "answered";
        });

        assertThat(answer).isEqualTo("answered");
        assertThat(count("select count(*) from model_access where model_id = 'scale/model-00002' and is_free"))
                .isZero();
        assertThatThrownBy(() -> store.inRolledBackTransaction(tx -> {
                    throw new ImportRejectedException(
                            ImportRejectedException.Reason.LIFECYCLE, "models[0].status", "a/b", "refused");
                }))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessage("refused");
    }

    /** A write in the transaction: the free flag of one model, through the admin path. */
    private static void schemaWrite(dev.modelaccess.core.port.DecisionTransaction tx) {
        var row = tx.lockModels(List.of("scale/model-00002")).getFirst();
        tx.applyAdminUpdates(
                List.of(new dev.modelaccess.core.access.AdminUpdate(
                        row.modelId(),
                        row.status(),
                        false,
                        row.tiers().with(Tier.FREE, true),
                        "test",
                        List.of(dev.modelaccess.core.sync.ModelEvent.of(
                                row.modelId(),
                                dev.modelaccess.core.sync.EventKind.TIERS_CHANGED,
                                Map.of(),
                                Map.of("is_free", "true"),
                                "test",
                                T0)))),
                T0);
        assertThat(tx.lockModels(List.of("scale/model-00002"))
                        .getFirst()
                        .tiers()
                        .free())
                .isTrue();
    }
}
