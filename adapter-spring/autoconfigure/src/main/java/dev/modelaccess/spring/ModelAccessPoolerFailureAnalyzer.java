package dev.modelaccess.spring;

import dev.modelaccess.spring.ModelAccessPoolerCheck.PreparedStatementsThroughPoolerException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start through a transaction-mode pooler without {@code prepareThreshold=0} into what to add. */
public final class ModelAccessPoolerFailureAnalyzer
        extends AbstractFailureAnalyzer<PreparedStatementsThroughPoolerException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PreparedStatementsThroughPoolerException cause) {
        return new FailureAnalysis(
                "model-access stopped the start: the data source " + cause.url() + " is a transaction-mode"
                        + " connection pooler (Supabase's pooler, or port 6543), and pgjdbc's server-side prepared"
                        + " statements fail through it at random (prepared statement \"S_2\" does not exist).",
                "Add prepareThreshold=0 to the JDBC URL, e.g. spring.datasource.url=" + cause.url()
                        + "?prepareThreshold=0 (or &prepareThreshold=0 after other parameters). To run the"
                        + " library's migrations over a direct connection, set modelaccess.schema.jdbc-url (and"
                        + " modelaccess.schema.user, modelaccess.schema.password). If this endpoint is not a"
                        + " transaction-mode pooler, set modelaccess.pooler.check-prepare-threshold=false.",
                cause);
    }
}
