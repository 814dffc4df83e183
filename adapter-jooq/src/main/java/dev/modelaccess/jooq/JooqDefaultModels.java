package dev.modelaccess.jooq;

import dev.modelaccess.core.port.ModelReferences;
import java.util.Arrays;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The users' default models in the host's profiles table (the same table and quoted names as {@link
 * JooqUserProfiles}), as {@link ModelReferences} named {@code users}: a carry-over to a successor moves them with one
 * {@code UPDATE}, through the succession transaction running on this thread ({@link TransactionScope}).
 */
final class JooqDefaultModels implements ModelReferences {

    private final DSLContext dsl;
    private final Table<?> table;
    private final Field<String> defaultModel;

    JooqDefaultModels(DSLContext dsl, JooqModelAccess.ProfileTable settings) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.table = DSL.table(DSL.name(
                Arrays.stream(settings.table().split("\\.")).map(String::strip).toArray(String[]::new)));
        this.defaultModel = DSL.field(DSL.name(settings.defaultModelColumn()), SQLDataType.CLOB);
    }

    @Override
    public String name() {
        return "users";
    }

    @Override
    public long repoint(String fromModelId, String toModelId) {
        return StoreErrors.guard(
                "Could not move the users' default model to its successor",
                () -> TransactionScope.or(dsl)
                        .update(table)
                        .set(defaultModel, toModelId)
                        .where(defaultModel.eq(fromModelId))
                        .execute());
    }
}
