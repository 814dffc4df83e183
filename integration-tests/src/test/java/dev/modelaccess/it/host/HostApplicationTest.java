package dev.modelaccess.it.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.ModelAccessService;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.spring.ModelAccessSchemaMigration;
import dev.modelaccess.spring.ModelAccessSyncScheduler;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A separate host application ({@link HostApplication}) with its own Flyway migrations boots with the starter on
 * real PostgreSQL: its own {@code V1} runs, and the library's tables and beans are there, whichever of the two
 * migrates first.
 */
@WithPostgres
class HostApplicationTest {

    TestSchema schema;

    @Test
    void onABrandNewDatabaseTheHostsV1RunsBesideTheLibrarysTables() {
        TestSchema target = schema.createSchema();

        try (ConfigurableApplicationContext context = start(target, HostApplication.class)) {
            assertHostAndLibraryMigrated(target, context);
        }
    }

    @Test
    void aHostBeanThatForcesTheHostsFlywayFirstStillGetsTheSameOutcome() {
        TestSchema target = schema.createSchema();

        try (ConfigurableApplicationContext context = start(target, HostApplication.class, FlywayFirst.class)) {
            assertHostAndLibraryMigrated(target, context);
        }
    }

    @Test
    void aHostThatMigratedBeforeAdoptingTheStarterKeepsItsHistoryAndGetsTheLibrarysTables() {
        TestSchema target = schema.createSchema();
        Flyway.configure()
                .dataSource(target.dataSource())
                .locations("classpath:db/host-app")
                .target("1")
                .load()
                .migrate();

        try (ConfigurableApplicationContext context = start(target, HostApplication.class)) {
            assertHostAndLibraryMigrated(target, context);
            assertThat(hostHistory(target))
                    .as("no baseline: the host's history was already there")
                    .doesNotContain("0");
        }
    }

    static ConfigurableApplicationContext start(TestSchema target, Class<?>... sources) {
        return start(target, List.of(), sources);
    }

    static ConfigurableApplicationContext start(TestSchema target, List<String> extraArgs, Class<?>... sources) {
        SpringApplication application = new SpringApplication(sources);
        application.setWebApplicationType(WebApplicationType.NONE);
        List<String> args = new java.util.ArrayList<>(List.of(
                "--spring.datasource.url=" + target.jdbcUrl(),
                "--spring.datasource.username=" + target.user(),
                "--spring.datasource.password=" + target.password(),
                "--spring.flyway.locations=classpath:db/host-app",
                "--modelaccess.openrouter.base-url=http://127.0.0.1:9/api/v1",
                "--modelaccess.sync.run-on-startup=never",
                "--modelaccess.sync.schedule.enabled=false",
                "--modelaccess.catalog.listen.enabled=false"));
        args.addAll(extraArgs);
        return application.run(args.toArray(String[]::new));
    }

    private static void assertHostAndLibraryMigrated(TestSchema target, ConfigurableApplicationContext context) {
        assertThat(target.tables())
                .as("the host's V1 and V2 and the library's tables")
                .contains(
                        "profiles",
                        "favourite_models",
                        "flyway_schema_history",
                        "model_access",
                        "sync_runs",
                        "model_access_schema_history");
        assertThat(hostHistory(target)).contains("1", "2");
        assertThat(context.getBean(ModelAccessSchemaMigration.class).applied()).isNotNegative();
        assertThat(context.getBeansOfType(ModelAccessStore.class)).hasSize(1);
        assertThat(context.getBeansOfType(ModelAccessService.class)).hasSize(1);
        assertThat(context.getBeansOfType(ModelAccessSyncScheduler.class)).hasSize(1);
    }

    /** The versions in the host's own Flyway history, in order ({@code 0} is the baseline below its V1). */
    static List<String> hostHistory(TestSchema target) {
        return DSL
                .using(target.dataSource(), org.jooq.SQLDialect.POSTGRES)
                .fetchValues("select version from flyway_schema_history where success order by installed_rank")
                .stream()
                .map(String::valueOf)
                .toList();
    }

    /**
     * A host bean created early that needs the host's migrations done: pulls the host's Flyway ahead of the rest.
     * Not a {@code @Configuration}, so the host's component scan does not find it; passed as a source instead.
     */
    static class FlywayFirst {
        @Bean
        static Object hostNeedsItsSchemaFirst(FlywayMigrationInitializer initializer) {
            return initializer;
        }
    }
}
