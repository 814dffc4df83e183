package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.StoreException;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one transaction wrapper of the store, the decision store and the succession store ({@link
 * StoreErrors#inTransaction}): what each kind of failure comes out as, and that every one of them rolls back.
 */
@WithPostgres
class StoreTransactionsTest {

    static DataSource dataSource;
    static TestSchema schema;

    DSLContext dsl;

    @BeforeAll
    static void createTable() throws SQLException {
        schema.execute("create table if not exists written (value text not null)");
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        schema.execute("truncate written");
        dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    private static void write(DSLContext tx, String value) {
        tx.execute("insert into written values ({0})", DSL.val(value));
    }

    private long written() throws SQLException {
        return Long.parseLong(schema.strings("select count(*) from written").getFirst());
    }

    @Test
    void workThatSucceedsIsCommittedAndItsAnswerReturned() throws SQLException {
        String answer = StoreErrors.inTransaction(dsl, "decision", tx -> {
            write(tx, "kept");
            return "done";
        });

        assertThat(answer).isEqualTo("done");
        assertThat(written()).isOne();
    }

    @Test
    void aDatabaseFailureRollsBackAndComesOutAsAStoreExceptionNamingTheTransaction() throws SQLException {
        assertThatThrownBy(() -> StoreErrors.inTransaction(dsl, "succession", tx -> {
                    write(tx, "lost");
                    return tx.execute("insert into no_such_table values (1)");
                }))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("The succession transaction failed");
        assertThat(written()).isZero();
    }

    @Test
    void aModelAccessExceptionRollsBackAndComesOutAsItIs() throws SQLException {
        ModelAccessException refused = new ModelAccessException("refused by the lifecycle");

        assertThatThrownBy(() -> StoreErrors.inTransaction(dsl, "decision", tx -> {
                    write(tx, "lost");
                    throw refused;
                }))
                .isSameAs(refused);
        assertThat(written()).isZero();
    }

    @Test
    void anyOtherFailureRollsBackAndSaysSo() throws SQLException {
        IllegalStateException bug = new IllegalStateException("a bug in the work");

        assertThatThrownBy(() -> StoreErrors.inTransaction(dsl, "store", tx -> {
                    write(tx, "lost");
                    throw bug;
                }))
                .isInstanceOf(ModelAccessException.class)
                .isNotInstanceOf(StoreException.class)
                .hasMessage("The store transaction was rolled back: a bug in the work")
                .hasCause(bug);
        assertThat(written()).isZero();
    }
}
