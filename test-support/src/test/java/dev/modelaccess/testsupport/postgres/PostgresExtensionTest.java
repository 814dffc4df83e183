package dev.modelaccess.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@WithPostgres
class PostgresExtensionTest {

    static TestSchema staticSchema;
    DataSource dataSource;
    TestSchema schema;

    @Test
    void injectsOnePoolWhoseConnectionsLandInTheClassSchema(DataSource parameter) throws SQLException {
        assertThat(parameter).isSameAs(dataSource).isSameAs(schema.dataSource());
        assertThat(staticSchema).isSameAs(schema);
        assertThat(currentSchema(dataSource)).isEqualTo(schema.name());
    }

    @Test
    void theJdbcUrlAndOwnConnectionsLandInTheSchemaToo(TestSchema parameter) throws SQLException {
        assertThat(parameter).isSameAs(schema);
        assertThat(schema.jdbcUrl()).contains("currentSchema=" + schema.name());
        try (Connection connection = schema.openConnection()) {
            assertThat(currentSchema(connection)).isEqualTo(schema.name());
        }
    }

    @Test
    void theSchemaStartsEmptyAndTablesGoIntoIt() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists probe (id int)");
            try (ResultSet rs = statement.executeQuery(
                    "select table_schema from information_schema.tables where table_name = 'probe'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(schema.name());
                assertThat(rs.next()).as("no other schema has it").isFalse();
            }
        }
    }

    @Test
    void anotherSchemaIsFreshAndSeparate() throws SQLException {
        TestSchema other = schema.createSchema();
        assertThat(other.name()).isNotEqualTo(schema.name()).matches("[a-z0-9_]+");
        assertThat(currentSchema(other.dataSource())).isEqualTo(other.name());
        assertThat(schemaExists(other.name())).isTrue();
    }

    @Nested
    class NestedTests {

        @Test
        void shareTheEnclosingClassSchema(TestSchema nested) {
            assertThat(nested).isSameAs(schema);
        }
    }

    @AfterAll
    static void nameIsSafeToUseUnquoted() {
        assertThat(staticSchema.name()).matches("t_postgresextensiontest_[0-9a-f]{8}");
    }

    private boolean schemaExists(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery("select count(*) from pg_namespace where nspname = '" + name + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    static String currentSchema(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return currentSchema(connection);
        }
    }

    static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
