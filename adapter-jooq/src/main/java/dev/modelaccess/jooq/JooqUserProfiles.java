package dev.modelaccess.jooq;

import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.port.UserProfile;
import dev.modelaccess.core.port.UserProfiles;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@link UserProfiles} read from the host's profiles table (by default {@code profiles(id uuid, tier text,
 * default_model text)}; table and column names are configurable and always quoted). A missing row, or a tier value
 * other than {@code free}, {@code pro} or {@code enterprise}, means tier {@code free}. A database failure is a
 * {@link dev.modelaccess.core.StoreException}.
 */
final class JooqUserProfiles implements UserProfiles {

    private final DSLContext dsl;
    private final Table<?> table;
    private final Field<UUID> id;
    private final Field<String> tier;
    private final Field<String> defaultModel;

    JooqUserProfiles(DSLContext dsl, JooqModelAccess.ProfileTable settings) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.table = DSL.table(DSL.name(
                Arrays.stream(settings.table().split("\\.")).map(String::strip).toArray(String[]::new)));
        this.id = DSL.field(DSL.name(settings.idColumn()), SQLDataType.UUID);
        this.tier = DSL.field(DSL.name(settings.tierColumn()), SQLDataType.CLOB);
        this.defaultModel = DSL.field(DSL.name(settings.defaultModelColumn()), SQLDataType.CLOB);
    }

    @Override
    public Optional<UserProfile> find(UUID userId) {
        return StoreErrors.guard(
                "Could not read the profile of user " + userId,
                () -> dsl.select(tier, defaultModel)
                        .from(table)
                        .where(id.eq(userId))
                        .fetchOptional()
                        .map(row -> toProfile(userId, row)));
    }

    /** One grouped count over the profiles table; every asked id is answered, 0 when no user chose it. */
    @Override
    public Map<String, Long> countDefaultUsers(Collection<String> modelIds) {
        Map<String, Long> counts = new LinkedHashMap<>();
        modelIds.forEach(modelId -> counts.put(modelId, 0L));
        if (counts.isEmpty()) {
            return counts;
        }
        return StoreErrors.guard("Could not count the users' default models", () -> {
            dsl.select(defaultModel, DSL.count())
                    .from(table)
                    .where(defaultModel.in(counts.keySet()))
                    .groupBy(defaultModel)
                    .forEach(row -> counts.put(row.value1(), row.value2().longValue()));
            return counts;
        });
    }

    @Override
    public void setDefaultModel(UUID userId, String modelId) {
        StoreErrors.guard(
                "Could not store the default model of user " + userId,
                () -> dsl.insertInto(table)
                        .set(id, userId)
                        .set(defaultModel, modelId)
                        .onConflict(id)
                        .doUpdate()
                        .set(defaultModel, modelId)
                        .execute());
    }

    private static UserProfile toProfile(UUID userId, Record2<String, String> row) {
        String tierValue = row.value1();
        Tier parsed = tierValue == null ? Tier.FREE : Tier.parse(tierValue).orElse(Tier.FREE);
        return new UserProfile(userId, parsed, row.value2());
    }
}
