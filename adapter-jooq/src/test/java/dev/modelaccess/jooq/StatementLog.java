package dev.modelaccess.jooq;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/** Records every statement jOOQ executes, to count round trips. */
final class StatementLog implements ExecuteListener {

    private final List<String> statements = new ArrayList<>();

    /** A {@code DSLContext} on {@code dataSource} that reports to this log. */
    DSLContext on(DataSource dataSource) {
        return DSL.using(new DefaultConfiguration()
                .set(dataSource)
                .set(SQLDialect.POSTGRES)
                .set(this));
    }

    /** A {@code DSLContext} on one connection that reports to this log. */
    DSLContext on(Connection connection) {
        return DSL.using(new DefaultConfiguration()
                .set(connection)
                .set(SQLDialect.POSTGRES)
                .set(this));
    }

    @Override
    public synchronized void executeStart(ExecuteContext ctx) {
        statements.add(ctx.sql());
    }

    synchronized List<String> statements() {
        return List.copyOf(statements);
    }

    synchronized void clear() {
        statements.clear();
    }

    /** Statements that write {@code model_access}. */
    synchronized List<String> catalogWrites() {
        return statements.stream()
                .filter(sql -> {
                    String s = sql.toLowerCase(Locale.ROOT);
                    return (s.startsWith("insert into \"model_access\"")
                            || s.startsWith("update \"model_access\"")
                            || s.startsWith("delete from \"model_access\""));
                })
                .toList();
    }
}
