package dev.modelaccess.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestSchemaTest {

    @Test
    void droppingASchemaRemovesItWithItsSiblingsAndTheirContent() throws SQLException {
        PostgresServer server = PostgresServers.get();
        TestSchema schema = TestSchema.create(server, "Dropped Test");
        TestSchema sibling = schema.createSchema();
        try (Connection connection = schema.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table leftover (id int)");
        }

        schema.drop();

        assertThat(schemaExists(server, schema.name())).isFalse();
        assertThat(schemaExists(server, sibling.name())).isFalse();
    }

    @Test
    void aGivenUrlLosesItsOwnCurrentSchemaAndGetsTheTestOne() {
        PostgresServer server =
                new PostgresServer("jdbc:postgresql://db:5432/app?currentSchema=app&ssl=false", null, null, "test");

        assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app?ssl=false");
        assertThat(server.jdbcUrl("t_x")).isEqualTo("jdbc:postgresql://db:5432/app?ssl=false&currentSchema=t_x");
        assertThat(new PostgresServer("jdbc:postgresql://db/app?currentSchema=app", null, null, "test").jdbcUrl("t_y"))
                .isEqualTo("jdbc:postgresql://db/app?currentSchema=t_y");
    }

    private static boolean schemaExists(PostgresServer server, String name) throws SQLException {
        try (Connection connection = server.connect(server.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery("select count(*) from pg_namespace where nspname = '" + name + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
