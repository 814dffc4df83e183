package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * {@code modelaccess.sync.statement-timeout} reaches the store: every statement of a sync's transaction runs under
 * it (read on the sync transaction's own connection, right after the sync lock sets it).
 */
@WithPostgres
class SyncStatementTimeoutPropertyTest {

    TestSchema schema;

    /** What {@code statement_timeout} is on the connection of the sync transaction, after the sync lock. */
    static final class TimeoutProbe implements ExecuteListener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void executeEnd(ExecuteContext ctx) {
            if (ctx.sql() != null && ctx.sql().contains("pg_try_advisory_xact_lock")) {
                try (Statement statement = ctx.connection().createStatement();
                        var rs = statement.executeQuery("show statement_timeout")) {
                    rs.next();
                    seen.add(rs.getString(1));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private ApplicationContextRunner runner(DataSource dataSource, TimeoutProbe probe) {
        return AutoConfigurationImports.runner()
                .withBean(DataSource.class, () -> new DelegatingDataSource(dataSource))
                .withBean(
                        DSLContext.class,
                        () -> DSL.using(new DefaultConfiguration()
                                .set(dataSource)
                                .set(SQLDialect.POSTGRES)
                                .set(probe)))
                .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .withPropertyValues(
                        "modelaccess.catalog.rules-reload-interval=0s",
                        "modelaccess.catalog.listen.enabled=false",
                        "modelaccess.sync.schedule.enabled=false",
                        "modelaccess.sync.run-on-startup=never");
    }

    @Test
    void theSyncStatementsRunUnderTheConfiguredTimeout() {
        TestSchema target = schema.createSchema();
        TimeoutProbe probe = new TimeoutProbe();

        runner(target.dataSource(), probe)
                .withPropertyValues("modelaccess.sync.statement-timeout=250ms")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ModelAccessStore store = context.getBean(ModelAccessStore.class);
                    boolean locked = store.inTransaction(transaction -> transaction.tryLockCatalogSync());
                    assertThat(locked).isTrue();
                });

        assertThat(probe.seen).containsExactly("250ms");
    }

    @Test
    void twoMinutesUnlessConfiguredAndZeroMeansUnbounded() {
        TestSchema target = schema.createSchema();
        TimeoutProbe probe = new TimeoutProbe();

        runner(target.dataSource(), probe)
                .run(context -> context.getBean(ModelAccessStore.class)
                        .inTransaction(transaction -> transaction.tryLockCatalogSync()));
        runner(target.dataSource(), probe)
                .withPropertyValues("modelaccess.sync.statement-timeout=0s")
                .run(context -> context.getBean(ModelAccessStore.class)
                        .inTransaction(transaction -> transaction.tryLockCatalogSync()));

        assertThat(probe.seen).containsExactly("2min", "0");
    }

    @Test
    void aNegativeTimeoutFailsTheStartNamingTheProperty() {
        TestSchema target = schema.createSchema();

        runner(target.dataSource(), new TimeoutProbe())
                .withPropertyValues("modelaccess.sync.statement-timeout=-1s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("modelaccess.sync.statement-timeout");
                });
    }
}
