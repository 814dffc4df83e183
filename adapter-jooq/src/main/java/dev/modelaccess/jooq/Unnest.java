package dev.modelaccess.jooq;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * A set of rows that travels as one array parameter per column: {@code unnest(?::uuid[], ?::numeric[], …) [with
 * ordinality] as v(names…)}. Every bulk write is one statement whatever the number of rows (a multi-row {@code VALUES}
 * list would need one parameter per cell, and pgjdbc refuses statements with more than 32,767 parameters), and each
 * array is bound with its column's type, so decimals and timestamps arrive exactly and need no cast.
 */
final class Unnest {

    static final String V = "v";
    static final String ORDINALITY = "ordinality";

    /** One column: its name in {@code v}, its element type, and the Java array of its values. */
    record Column(String name, DataType<?> type, Object values) {}

    private Unnest() {}

    /** The column {@code name} of type {@code type}, one element per row. */
    static <R, T> Column column(
            String name, DataType<T> type, List<R> rows, Function<? super R, ? extends @Nullable T> value) {
        Object values = Array.newInstance(type.getType(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Array.set(values, i, value.apply(rows.get(i)));
        }
        return new Column(name, type, values);
    }

    /** The columns of {@code rows}, added one by one: {@code Unnest.of(rows).column(…).column(…).table(false)}. */
    static <R> Rows<R> of(List<R> rows) {
        return new Rows<>(rows);
    }

    /** The columns of a set of rows, each given by its name, element type and value in a row. */
    static final class Rows<R> {

        private final List<R> rows;
        private final List<Column> columns = new ArrayList<>();

        private Rows(List<R> rows) {
            this.rows = rows;
        }

        <T> Rows<R> column(String name, DataType<T> type, Function<? super R, ? extends @Nullable T> value) {
            columns.add(Unnest.column(name, type, rows, value));
            return this;
        }

        Table<?> table(boolean withOrdinality) {
            return Unnest.table(columns, withOrdinality);
        }
    }

    /** With ordinality, the last column {@link #ORDINALITY} numbers the rows from 1. */
    static Table<?> table(List<Column> columns, boolean withOrdinality) {
        QueryPart[] parameters = columns.stream()
                .map(column -> DSL.val(column.values(), column.type().getArrayDataType()))
                .toArray(QueryPart[]::new);
        String template = IntStream.range(0, parameters.length)
                .mapToObj(i -> "{" + i + "}")
                .collect(Collectors.joining(", ", "unnest(", withOrdinality ? ") with ordinality" : ")"));
        List<String> aliases =
                new ArrayList<>(columns.stream().map(Column::name).toList());
        if (withOrdinality) {
            aliases.add(ORDINALITY);
        }
        return DSL.table(template, parameters).as(V, aliases.toArray(String[]::new));
    }

    /** The column {@code name} of {@code v}. */
    static <T> Field<T> field(String name, DataType<T> type) {
        return DSL.field(DSL.name(V, name), type);
    }
}
