package dev.modelaccess.spring;

import dev.modelaccess.jooq.ModelAccessSchema;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Applies the library's migrations when the application context starts, before anything reads the catalog. They
 * keep their own Flyway history table ({@value ModelAccessSchema#HISTORY_TABLE}), apart from the application's.
 * Switched off by {@code modelaccess.schema.migrate=false} (then apply the SQL files yourself).
 */
public final class ModelAccessSchemaMigration implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(ModelAccessSchemaMigration.class);

    private final DataSource dataSource;
    private volatile int applied = -1;

    public ModelAccessSchemaMigration(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void afterPropertiesSet() {
        applied = ModelAccessSchema.migrate(dataSource);
        if (applied > 0) {
            LOG.info("Applied {} model-access migration(s)", applied);
        }
    }

    /** How many migrations the start applied; -1 before it ran. */
    public int applied() {
        return applied;
    }
}
