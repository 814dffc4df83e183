package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** A transaction-mode pooler endpoint without prepareThreshold=0 stops the start with what to add. */
@WithPostgres
class PoolerCheckTest {

    static final String SUPABASE_POOLER =
            "jdbc:postgresql://aws-0-eu-central-1.pooler.supabase.com:6543/postgres?sslmode=require";

    TestSchema schema;

    private static ApplicationContextRunner runner(DataSource dataSource) {
        return AutoConfigurationImports.runner()
                .withBean(DataSource.class, () -> new DelegatingDataSource(dataSource))
                .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .withPropertyValues(
                        "modelaccess.catalog.rules-reload-interval=0s",
                        "modelaccess.catalog.listen.enabled=false",
                        "modelaccess.sync.schedule.enabled=false");
    }

    @Test
    void knownTransactionPoolerEndpointsAreRecognisedAndOnlyPrepareThresholdZeroOrSimpleModePasses() {
        Properties none = new Properties();
        assertThat(ModelAccessPoolerCheck.endpoint(SUPABASE_POOLER, none))
                .isEqualTo(new ModelAccessPoolerCheck.Endpoint(
                        "jdbc:postgresql://aws-0-eu-central-1.pooler.supabase.com:6543/postgres", true, true));
        assertThat(ModelAccessPoolerCheck.endpoint(SUPABASE_POOLER + "&prepareThreshold=0", none)
                        .preparesStatements())
                .isFalse();
        assertThat(ModelAccessPoolerCheck.endpoint(SUPABASE_POOLER + "&preferQueryMode=simple", none)
                        .preparesStatements())
                .isFalse();
        Properties zero = new Properties();
        zero.setProperty("prepareThreshold", "0");
        assertThat(ModelAccessPoolerCheck.endpoint(SUPABASE_POOLER, zero).preparesStatements())
                .as("HikariCP's data-source properties count")
                .isFalse();

        assertThat(ModelAccessPoolerCheck.isPooler("jdbc:postgresql://aws-0-eu-central-1.pooler.supabase.com:5432/db"))
                .as("Supabase's session pooler host")
                .isTrue();
        assertThat(ModelAccessPoolerCheck.isPooler("jdbc:postgresql://pgbouncer.internal:6543/app"))
                .isTrue();
        assertThat(ModelAccessPoolerCheck.isPooler("jdbc:postgresql://primary:5432,replica:6543/app?x=1"))
                .isTrue();
        assertThat(ModelAccessPoolerCheck.isPooler("jdbc:postgresql://db.abcdefgh.supabase.co:5432/postgres"))
                .as("Supabase's direct address")
                .isFalse();
        assertThat(ModelAccessPoolerCheck.isPooler("jdbc:postgresql://notpooler.supabase.com.evil:5432/x"))
                .isFalse();
        assertThat(ModelAccessPoolerCheck.isPooler("jdbc:postgresql:app")).isFalse();
    }

    @Test
    void theSupabasePoolerWithoutPrepareThresholdFailsTheStartWithWhatToAdd() {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(SUPABASE_POOLER);
            pool.setUsername("postgres.abcdefgh");
            pool.setPassword("secret");

            runner(pool).run(context -> {
                assertThat(context).hasFailed();
                assertThat(StarterFactories.names(FailureAnalyzer.class))
                        .contains(ModelAccessPoolerFailureAnalyzer.class.getName());
                FailureAnalysis analysis = new ModelAccessPoolerFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription())
                        .contains("jdbc:postgresql://aws-0-eu-central-1.pooler.supabase.com:6543/postgres")
                        .contains("transaction-mode connection pooler")
                        .doesNotContain("secret")
                        .doesNotContain("sslmode");
                assertThat(analysis.getAction())
                        .contains("prepareThreshold=0")
                        .contains("modelaccess.schema.jdbc-url")
                        .contains("modelaccess.pooler.check-prepare-threshold=false");
            });
            assertThat(pool.isRunning()).as("never connected").isFalse();
        }
    }

    @Test
    void withPrepareThresholdZeroThePoolerPassesTheCheck() {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(SUPABASE_POOLER + "&prepareThreshold=0");
            new ModelAccessPoolerCheck(pool).afterPropertiesSet();
            assertThat(pool.isRunning()).as("never connected").isFalse();
        }
    }

    @Test
    void aDataSourceThatIsNotHikariIsAskedThroughOneConnection() throws Exception {
        org.postgresql.ds.PGSimpleDataSource direct = new org.postgresql.ds.PGSimpleDataSource();
        direct.setURL(schema.jdbcUrl());
        direct.setUser(schema.user());
        direct.setPassword(schema.password());

        assertThat(ModelAccessPoolerCheck.endpoint(direct))
                .hasValueSatisfying(endpoint -> assertThat(endpoint.pooler()).isFalse())
                .hasValueSatisfying(
                        endpoint -> assertThat(endpoint.preparesStatements()).isTrue());
    }

    @Test
    void theCheckCanBeSwitchedOffAndADirectDatabasePassesIt() {
        TestSchema target = schema.createSchema();
        runner(target.dataSource()).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ModelAccessPoolerCheck.class);
        });
        runner(target.dataSource())
                .withPropertyValues("modelaccess.pooler.check-prepare-threshold=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ModelAccessPoolerCheck.class));
    }

    @Test
    void theLibrarysMigrationsRunOnTheirOwnUrlWhenOneIsSet() throws Exception {
        TestSchema application = schema.createSchema();
        TestSchema migrations = schema.createSchema();

        runner(application.dataSource())
                .withPropertyValues(
                        "modelaccess.schema.migrate=true",
                        "modelaccess.schema.jdbc-url=" + migrations.jdbcUrl(),
                        "modelaccess.schema.user=" + (migrations.user() == null ? "" : migrations.user()))
                .run(context -> assertThat(context.getBean(ModelAccessSchemaMigration.class)
                                .applied())
                        .isPositive());

        assertThat(migrations.tables()).contains("model_access", "model_access_job_leases");
    }
}
