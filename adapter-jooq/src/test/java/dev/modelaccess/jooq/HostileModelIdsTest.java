package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.Syncs.sync;
import static dev.modelaccess.jooq.TestModels.T0;
import static dev.modelaccess.jooq.TestModels.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.access.AdminLifecycle;
import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ids that try to break out of SQL, paths or encodings are stored, found and changed like any other. */
@WithPostgres
class HostileModelIdsTest {

    static final List<String> HOSTILE_IDS = List.of(
            "'; drop table model_access; --",
            "x/y'); delete from model_access where ('1'='1",
            "../../etc/passwd",
            "..\\..\\windows\\system32",
            "a".repeat(5_000),
            randomText(5_000),
            "🚀".repeat(2_500),
            "模型/テスト-モデル:free",
            "emoji/🚀🤖-model:beta",
            "percent/100%_off",
            "quote/\"double\" and 'single'",
            "space /tab\there\nnewline",
            "{curly}/[square],comma",
            "NULL",
            "\\x00/backslash-escape");

    static DataSource dataSource;

    /** Text that does not compress (an index entry of it cannot shrink below its size). */
    private static String randomText(int length) {
        java.util.Random random = new java.util.Random(42);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + random.nextInt(94)));
        }
        return text.toString();
    }

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(dataSource);
    }

    @Test
    void hostileIdsAreStoredExactlyFoundSearchedChangedAndRemovedSafely() throws SQLException {
        ModelAccessStore store = JooqModelAccess.of(dataSource).store();
        List<UpstreamModel> models = HOSTILE_IDS.stream()
                .map(id -> model(id)
                        .name("Name of " + id)
                        .supportedParameters(List.of(id, "tools"))
                        .build())
                .toList();

        sync(store, UpstreamSnapshot.of(models), T0);

        assertThat(tableCount())
                .as("model_access still exists and holds them all")
                .isEqualTo(HOSTILE_IDS.size());
        for (UpstreamModel model : models) {
            CatalogModel row = store.findModel(model.id()).orElseThrow();
            assertThat(row.modelId()).isEqualTo(model.id());
            assertThat(TestModels.typed(row.upstream())).isEqualTo(TestModels.typed(model));
            assertThat(store.searchModels(new CatalogQuery(null, model.id(), 10, 0))
                            .models())
                    .extracting(CatalogModel::modelId)
                    .contains(model.id());
            assertThat(store.eventsOf(model.id(), 10))
                    .extracting(ModelEvent::kind)
                    .containsExactly(EventKind.ADDED);
        }

        String injection = HOSTILE_IDS.getFirst();
        AdminLifecycle lifecycle = new AdminLifecycle(Clock.fixed(T0, ZoneOffset.UTC));
        store.inTransaction(transaction -> {
            CatalogModel row = transaction.lockModel(injection).orElseThrow();
            AdminUpdate update = lifecycle.decide(
                    row,
                    new AdminChange(injection, ModelStatus.ACTIVE, true, true, true),
                    "'; drop table sync_runs; --");
            transaction.applyAdminUpdates(List.of(update), T0);
            transaction.appendEvents(update.events());
            return null;
        });
        assertThat(store.findModel(injection).orElseThrow().status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(store.findModel(injection).orElseThrow().reviewedBy()).isEqualTo("'; drop table sync_runs; --");

        sync(store, UpstreamSnapshot.of(List.of(models.getLast())), T0.plusSeconds(60));
        assertThat(store.loadCatalog())
                .filteredOn(row -> row.status() == ModelStatus.INACTIVE)
                .hasSize(HOSTILE_IDS.size() - 1);
        assertThat(store.recentRuns(10)).hasSize(2);
    }

    @Test
    void aSearchOrLookupWithATextPostgresCannotHoldFindsNothingInsteadOfFailing() {
        ModelAccessStore store = JooqModelAccess.of(dataSource).store();

        assertThat(store.findModel("nul\u0000id")).isEmpty();
        assertThat(store.eventsOf("nul\u0000id", 10)).isEmpty();
        assertThat(store.searchModels(new CatalogQuery(null, "\u0000", 10, 0)).total())
                .isZero();
        Optional<CatalogModel> locked = store.inTransaction(transaction -> transaction.lockModel("nul\u0000id"));
        assertThat(locked).isEmpty();
    }

    private static long tableCount() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select count(*) from model_access")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
