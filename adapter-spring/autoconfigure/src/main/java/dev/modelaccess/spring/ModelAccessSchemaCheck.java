package dev.modelaccess.spring;

import dev.modelaccess.jooq.ModelAccessSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;

/**
 * With {@code modelaccess.schema.migrate=false}, checks at start-up that the library's tables are there, so that a
 * schema nobody migrated fails the start with one message ({@link ModelAccessSchemaMissingFailureAnalyzer}) instead
 * of an error on every request.
 */
public final class ModelAccessSchemaCheck implements InitializingBean {

    /** The tables the library reads and writes. */
    static final List<String> TABLES = List.of(
            "model_access",
            "sync_runs",
            "model_access_events",
            "user_openrouter_integrations",
            "model_successors",
            "tier_defaults");

    private final DataSource dataSource;

    public ModelAccessSchemaCheck(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void afterPropertiesSet() {
        String schema;
        List<String> missing = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("select current_schema(), to_regclass(quote_ident(?)) is null")) {
            schema = "?";
            for (String table : TABLES) {
                statement.setString(1, table);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    schema = String.valueOf(row.getString(1));
                    if (row.getBoolean(2)) {
                        missing.add(table);
                    }
                }
            }
        } catch (SQLException e) {
            // The database itself is unreachable: the data source's own start-up errors say it better.
            return;
        }
        if (!missing.isEmpty()) {
            throw new ModelAccessSchemaMissingException(schema, missing);
        }
    }

    /** The library's tables are missing and the library was told not to create them. */
    public static final class ModelAccessSchemaMissingException extends IllegalStateException {

        private final String schema;
        private final List<String> missing;

        ModelAccessSchemaMissingException(String schema, List<String> missing) {
            super("The model-access tables " + String.join(", ", missing) + " are missing from schema " + schema
                    + " and modelaccess.schema.migrate=false");
            this.schema = schema;
            this.missing = List.copyOf(missing);
        }

        public String schema() {
            return schema;
        }

        public List<String> missing() {
            return missing;
        }
    }

    static String migrationsLocation() {
        return ModelAccessSchema.MIGRATIONS;
    }
}
