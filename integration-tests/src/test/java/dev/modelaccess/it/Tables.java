package dev.modelaccess.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads the library's tables the plain way, to compare them before and after. */
final class Tables {

    private final DataSource dataSource;

    Tables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void truncate() {
        execute("truncate model_access, model_access_events, sync_runs");
    }

    void execute(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Every row of the catalog and its history, as text, with the row versions: equal dumps, untouched tables. */
    List<String> dump() {
        List<String> rows = new ArrayList<>();
        rows.addAll(strings("select xmin::text || ' ' || row_to_json(m)::text from model_access m order by model_id"));
        rows.addAll(strings("select xmin::text || ' ' || row_to_json(e)::text from model_access_events e order by id"));
        return rows;
    }

    List<String> strings(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return values;
    }

    long count(String sql) {
        return Long.parseLong(strings(sql).getFirst());
    }

    /** Column values of one row, by column name, as text. */
    Map<String, String> row(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            Map<String, String> values = new LinkedHashMap<>();
            if (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    values.put(rows.getMetaData().getColumnName(i), rows.getString(i));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
