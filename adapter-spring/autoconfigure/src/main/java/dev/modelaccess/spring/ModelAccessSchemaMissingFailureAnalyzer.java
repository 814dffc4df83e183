package dev.modelaccess.spring;

import dev.modelaccess.spring.ModelAccessSchemaCheck.ModelAccessSchemaMissingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start on a schema without the library's tables into one message that says what to do. */
public final class ModelAccessSchemaMissingFailureAnalyzer
        extends AbstractFailureAnalyzer<ModelAccessSchemaMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ModelAccessSchemaMissingException cause) {
        return new FailureAnalysis(
                "model-access cannot start: its tables " + String.join(", ", cause.missing())
                        + " are missing from schema " + cause.schema()
                        + ", and modelaccess.schema.migrate=false keeps the library from creating them.",
                "Remove modelaccess.schema.migrate=false (or set it to true) so that the library applies its"
                        + " migrations on start-up, or apply the SQL files of model-access-database ("
                        + ModelAccessSchemaCheck.migrationsLocation() + ") to schema " + cause.schema()
                        + " before starting.",
                cause);
    }
}
