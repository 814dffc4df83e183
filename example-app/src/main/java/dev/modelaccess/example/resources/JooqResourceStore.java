package dev.modelaccess.example.resources;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.port.ModelReferences;
import dev.modelaccess.core.resources.NewResource;
import dev.modelaccess.core.resources.Resource;
import dev.modelaccess.core.resources.ResourceStore;
import dev.modelaccess.core.resources.ResourceType;
import dev.modelaccess.jooq.StoreErrors;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The {@code resources} table (migration {@code V3__resources.sql}) with plain jOOQ: every read and delete carries
 * {@code owner_id = ?}, so another user's row is never seen nor touched. Ids and timestamps come from the database.
 * Database failures surface as {@link dev.modelaccess.core.StoreException}. The per-owner limit on inserts is kept under
 * a per-owner advisory lock (see {@link #insert(NewResource, int)}).
 *
 * <p>Also the resources as {@link ModelReferences}: when a model retires and has a successor, the resources bound to
 * it are repointed (row and stored {@code modelId}) with one {@code UPDATE}, through the application's {@code
 * DSLContext}, which joins the succession's Spring-managed transaction.
 */
public final class JooqResourceStore implements ResourceStore, ModelReferences {

    private static final Table<Record> RESOURCES = DSL.table(DSL.name("resources"));
    private static final Field<UUID> ID = DSL.field(DSL.name("id"), SQLDataType.UUID);
    private static final Field<UUID> OWNER_ID = DSL.field(DSL.name("owner_id"), SQLDataType.UUID);
    private static final Field<String> NAME = DSL.field(DSL.name("name"), SQLDataType.CLOB);
    private static final Field<String> RESOURCE_TYPE = DSL.field(DSL.name("resource_type"), SQLDataType.CLOB);
    private static final Field<UUID> OPENROUTER_MODEL_ID = DSL.field(DSL.name("openrouter_model_id"), SQLDataType.UUID);
    private static final Field<JSONB> OPENROUTER_CONFIG = DSL.field(DSL.name("openrouter_config"), SQLDataType.JSONB);
    private static final Field<OffsetDateTime> CREATED_AT =
            DSL.field(DSL.name("created_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final Field<OffsetDateTime> UPDATED_AT =
            DSL.field(DSL.name("updated_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final Table<Record> MODEL_ACCESS = DSL.table(DSL.name("model_access"));
    private static final Field<UUID> MODEL_ROW = DSL.field(DSL.name("model_access", "id"), SQLDataType.UUID);
    private static final Field<String> MODEL_ID = DSL.field(DSL.name("model_access", "model_id"), SQLDataType.CLOB);
    private static final List<SelectField<?>> COLUMNS =
            List.of(ID, OWNER_ID, NAME, RESOURCE_TYPE, OPENROUTER_MODEL_ID, OPENROUTER_CONFIG, CREATED_AT, UPDATED_AT);

    /** The first key of the per-owner advisory lock ({@code 'RSRC'}), apart from other advisory locks. */
    static final int QUOTA_LOCK_CLASS = 0x52535243;

    private final DSLContext dsl;

    public JooqResourceStore(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    /**
     * Inserts within the owner's limit in one transaction that first takes a transaction-scoped advisory lock on the
     * owner (keyed by {@value #QUOTA_LOCK_CLASS} and the owner id's hash), so that concurrent creates for one owner
     * count and insert one after the other; creates for other owners go on (a hash collision only makes two owners
     * wait for each other briefly).
     */
    @Override
    public Optional<Resource> insert(NewResource resource, int maxPerOwner) {
        return translate(
                "store a resource",
                () -> dsl.transactionResult(transaction -> {
                    DSLContext tx = transaction.dsl();
                    tx.fetch(
                            "select pg_advisory_xact_lock(?, hashtext(?))",
                            QUOTA_LOCK_CLASS,
                            resource.ownerId().toString());
                    if (tx.fetchCount(RESOURCES, OWNER_ID.eq(resource.ownerId())) >= maxPerOwner) {
                        return Optional.<Resource>empty();
                    }
                    return Optional.of(tx.insertInto(RESOURCES)
                            .set(OWNER_ID, resource.ownerId())
                            .set(NAME, resource.name())
                            .set(RESOURCE_TYPE, resource.type().dbValue())
                            .set(OPENROUTER_MODEL_ID, resource.catalogModelId())
                            .set(OPENROUTER_CONFIG, JSONB.valueOf(OpenRouterConfigJson.toText(resource.config())))
                            .returningResult(COLUMNS)
                            .fetchSingle(JooqResourceStore::toResource));
                }));
    }

    @Override
    public Optional<Resource> find(UUID ownerId, UUID resourceId) {
        return translate(
                "read a resource",
                () -> dsl.select(COLUMNS)
                        .from(RESOURCES)
                        .where(OWNER_ID.eq(ownerId))
                        .and(ID.eq(resourceId))
                        .fetchOptional(JooqResourceStore::toResource));
    }

    @Override
    public List<Resource> listByOwner(UUID ownerId, int limit, int offset) {
        return translate(
                "list resources",
                () -> dsl.select(COLUMNS)
                        .from(RESOURCES)
                        .where(OWNER_ID.eq(ownerId))
                        .orderBy(CREATED_AT.desc(), ID.desc())
                        .limit(limit)
                        .offset(offset)
                        .fetch(JooqResourceStore::toResource));
    }

    @Override
    public boolean delete(UUID ownerId, UUID resourceId) {
        return translate(
                        "delete a resource",
                        () -> dsl.deleteFrom(RESOURCES)
                                .where(OWNER_ID.eq(ownerId))
                                .and(ID.eq(resourceId))
                                .execute())
                > 0;
    }

    @Override
    public String name() {
        return "resources";
    }

    /** Every resource bound to {@code fromModelId}'s row now runs {@code toModelId}. */
    @Override
    public long repoint(String fromModelId, String toModelId) {
        return translate(
                "repoint the resources of a retired model",
                () -> dsl.update(RESOURCES)
                        .set(OPENROUTER_MODEL_ID, rowOf(toModelId))
                        .set(
                                OPENROUTER_CONFIG,
                                DSL.field(
                                        "jsonb_set({0}, '{modelId}', to_jsonb({1}::text))",
                                        SQLDataType.JSONB, OPENROUTER_CONFIG, DSL.val(toModelId)))
                        .where(OPENROUTER_MODEL_ID.eq(rowOf(fromModelId)))
                        .execute());
    }

    private Field<UUID> rowOf(String modelId) {
        return DSL.field(dsl.select(MODEL_ROW).from(MODEL_ACCESS).where(MODEL_ID.eq(modelId)));
    }

    private static Resource toResource(Record row) {
        return new Resource(
                row.get(ID),
                row.get(OWNER_ID),
                row.get(NAME),
                ResourceType.fromDbValue(row.get(RESOURCE_TYPE)),
                row.get(OPENROUTER_MODEL_ID),
                OpenRouterConfigJson.fromStored(row.get(OPENROUTER_CONFIG).data()),
                row.get(CREATED_AT).toInstant(),
                row.get(UPDATED_AT).toInstant());
    }

    private static <T> T translate(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (ModelAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            // however the DSLContext translated it (jOOQ's or Spring's DataAccessException)
            throw StoreErrors.isDatabaseFailure(e) ? StoreErrors.translate("Could not " + what, e) : e;
        }
    }
}
