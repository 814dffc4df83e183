package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;

@WithPostgres
class SchemaMigrationTest {

    TestSchema schema;

    private ApplicationContextRunner runner(DataSource dataSource) {
        return AutoConfigurationImports.runner()
                .withBean(DataSource.class, () -> new DelegatingDataSource(dataSource))
                .withBean(ModelAccessStore.class, InMemoryModelAccessStore::new)
                .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .withPropertyValues("modelaccess.catalog.rules-reload-interval=0s");
    }

    @Test
    void theLibrarysMigrationsAreAppliedOnStartWithTheirOwnHistoryTable() {
        TestSchema target = schema.createSchema();

        runner(target.dataSource()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ModelAccessSchemaMigration.class).applied())
                    .isPositive();
            assertThat(target.tables()).contains("model_access", "sync_runs", "model_access_schema_history");
        });
        runner(target.dataSource())
                .run(context -> assertThat(context.getBean(ModelAccessSchemaMigration.class)
                                .applied())
                        .as("nothing left to apply on the second start")
                        .isZero());
    }

    @Test
    void migrateFalseLeavesTheDatabaseAlone() {
        TestSchema target = schema.createSchema();

        runner(target.dataSource())
                .withPropertyValues("modelaccess.schema.migrate=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ModelAccessSchemaMigration.class);
                    assertThat(target.tables()).isEmpty();
                });
    }

    @Test
    void migrateFalseOnASchemaWithoutTheTablesFailsTheStartWithOneMessageNamingThemAndTheProperty() {
        TestSchema target = schema.createSchema();

        hostRunner(target.dataSource())
                .withPropertyValues("modelaccess.schema.migrate=false")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(StarterFactories.names(FailureAnalyzer.class))
                            .contains(ModelAccessSchemaMissingFailureAnalyzer.class.getName());
                    FailureAnalysis analysis =
                            new ModelAccessSchemaMissingFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).as("the failure is analysed").isNotNull();
                    assertThat(analysis.getDescription())
                            .contains(
                                    "model_access",
                                    "sync_runs",
                                    "model_access_events",
                                    "user_openrouter_integrations",
                                    target.name(),
                                    "modelaccess.schema.migrate=false");
                    assertThat(analysis.getAction()).contains("modelaccess.schema.migrate", "db/modelaccess/migration");
                });
        assertThat(target.tables()).isEmpty();
    }

    @Test
    void migrateFalseOnAMigratedSchemaStartsAndTouchesNothing() {
        TestSchema target = schema.createSchema();
        dev.modelaccess.jooq.ModelAccessSchema.migrate(target.dataSource());

        hostRunner(target.dataSource())
                .withPropertyValues("modelaccess.schema.migrate=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(ModelAccessSchemaCheck.class);
                    assertThat(context).doesNotHaveBean(ModelAccessSchemaMigration.class);
                });
    }

    /** Like a host: the starter's own jOOQ store on the data source, no store of the test's. */
    private static ApplicationContextRunner hostRunner(DataSource dataSource) {
        return AutoConfigurationImports.runner()
                .withBean(DataSource.class, () -> new DelegatingDataSource(dataSource))
                .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .withPropertyValues(
                        "modelaccess.catalog.rules-reload-interval=0s",
                        "modelaccess.catalog.listen.enabled=false",
                        "modelaccess.sync.schedule.enabled=false");
    }
}
