package dev.modelaccess.example.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.port.ChatParams;
import dev.modelaccess.core.resources.NewResource;
import dev.modelaccess.core.resources.OpenRouterInstantConfig;
import dev.modelaccess.core.resources.Resource;
import dev.modelaccess.core.resources.ResourceStore;
import dev.modelaccess.core.resources.ResourceType;
import dev.modelaccess.example.AppMigrations;
import dev.modelaccess.jooq.ModelAccessSchema;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import dev.modelaccess.testsupport.resources.ResourceStoreContract;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resources table and its store on a real PostgreSQL, with the library's and the app's migrations applied: the
 * {@link ResourceStoreContract} every store passes, and what only the database does (constraints, trigger, JSON
 * shape, rollback).
 */
@WithPostgres
class JooqResourceStoreTest extends ResourceStoreContract {

    static TestSchema schema;
    static DSLContext dsl;

    final JooqResourceStore store = new JooqResourceStore(dsl);

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(schema.dataSource());
        AppMigrations.flyway(schema).migrate();
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
    }

    @Override
    protected ResourceStore store() {
        return store;
    }

    @Override
    protected void deleteCatalogRow(UUID id) {
        dsl.execute("delete from model_access where id = ?", id);
    }

    @Override
    protected UUID catalogRow(String modelId) {
        return dsl.fetchSingle(
                        "insert into model_access (model_id, provider, upstream, upstream_sha256)"
                                + " values (?, 'test', jsonb_build_object('id', ?::text), repeat('0', 64)) returning id",
                        modelId,
                        modelId)
                .get(0, UUID.class);
    }

    @Test
    void theConfigurationIsStoredAsAJsonObjectWithOnlyTheParametersSet() {
        Resource full = insert(alice, "Full", gpt);
        Resource plain = store.insert(
                        new NewResource(
                                alice,
                                "Plain",
                                ResourceType.OPENROUTER_INSTANT,
                                gpt,
                                new OpenRouterInstantConfig("openai/gpt-4o-mini", null, ChatParams.DEFAULTS)),
                        NO_LIMIT)
                .orElseThrow();

        assertThat(dsl.fetchValue("select jsonb_typeof(openrouter_config) from resources where id = ?", full.id()))
                .isEqualTo("object");
        assertThat(dsl.fetchValue(
                        "select openrouter_config -> 'params' ->> 'maxTokens' from resources where id = ?", full.id()))
                .isEqualTo("64");
        assertThat(dsl.fetchValue("select openrouter_config::text from resources where id = ?", plain.id()))
                .isEqualTo("{\"params\": {}, \"modelId\": \"openai/gpt-4o-mini\"}");
    }

    @Test
    void theListFollowsCreatedAtAsTheDatabaseHoldsIt() {
        Resource first = insert(alice, "first", gpt);
        Resource second = insert(alice, "second", llama);
        Resource third = insert(alice, "third", gpt);
        backdate(first, "2026-01-03T00:00:00Z");
        backdate(second, "2026-01-01T00:00:00Z");
        backdate(third, "2026-01-02T00:00:00Z");

        assertThat(store.listByOwner(alice, 10, 0))
                .extracting(Resource::name)
                .containsExactly("first", "third", "second");
    }

    @Test
    void updatedAtIsKeptByTheDatabase() {
        Resource created = insert(alice, "before", gpt);
        backdate(created, "2020-01-01T00:00:00Z");

        dsl.execute("update resources set name = 'after' where id = ?", created.id());

        Resource updated = store.find(alice, created.id()).orElseThrow();
        assertThat(updated.createdAt())
                .isEqualTo(OffsetDateTime.parse("2020-01-01T00:00:00Z").toInstant());
        assertThat(updated.updatedAt()).isAfter(updated.createdAt());
    }

    @Test
    void theTableRefusesWhatTheApplicationWouldNeverWrite() {
        String insert =
                "insert into resources (owner_id, name, resource_type, openrouter_config) values (?, ?, ?, ?::jsonb)";

        assertThatThrownBy(() -> dsl.execute(insert, alice, "", "openrouter_instant", "{}"))
                .hasMessageContaining("resources_name_check");
        assertThatThrownBy(() -> dsl.execute(insert, alice, "n".repeat(201), "openrouter_instant", "{}"))
                .hasMessageContaining("resources_name_check");
        assertThatThrownBy(() -> dsl.execute(insert, alice, "x", "note", "{}"))
                .hasMessageContaining("resources_resource_type_check");
        assertThatThrownBy(() -> dsl.execute(insert, alice, "x", "openrouter_instant", "[1]"))
                .hasMessageContaining("resources_openrouter_config_check");
        assertThatThrownBy(() -> dsl.execute(insert, alice, "x", "openrouter_instant", null))
                .hasMessageContaining("resources_openrouter_instant_config_check");
        assertThatThrownBy(() -> dsl.execute(
                        insert, alice, "x", "openrouter_instant", "{\"systemPrompt\":\"" + "é".repeat(70_000) + "\"}"))
                .hasMessageContaining("resources_openrouter_config_check");
    }

    @Test
    void aDatabaseFailureIsTheLibrarysStoreException() {
        assertThatThrownBy(() -> insert(alice, "dangling", UUID.randomUUID()))
                .isInstanceOfSatisfying(
                        StoreException.class, e -> assertThat(e.sqlState()).isEqualTo("23503"))
                .hasMessageStartingWith("Could not store a resource");
    }

    @Test
    void hostileNamesAreStoredAsGiven() {
        for (String name : List.of("'; drop table resources; --", "../../etc/passwd", "名前 🙂", "\\u0000")) {
            Resource created = insert(alice, name, gpt);
            assertThat(store.find(alice, created.id()).orElseThrow().name()).isEqualTo(name);
        }
        assertThat(dsl.fetchValue("select to_regclass('resources')::text")).isEqualTo("resources");
    }

    @Test
    void theRollbackScriptRemovesTheTableAndTheMigrationRunsAgain() throws Exception {
        TestSchema scratch = schema.createSchema();
        ModelAccessSchema.migrate(scratch.dataSource());
        AppMigrations.flyway(scratch).migrate();
        DSLContext scratchDsl = DSL.using(scratch.dataSource(), SQLDialect.POSTGRES);
        String rollback;
        try (var in = getClass().getResourceAsStream("/db/example-app-rollback/U3__resources.sql")) {
            rollback = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        scratchDsl.execute(rollback);

        assertThat(scratchDsl.fetchValue("select to_regclass('resources')")).isNull();
        assertThat(scratchDsl.fetchValue("select to_regprocedure('resources_set_updated_at()')"))
                .isNull();
        assertThat(scratchDsl.fetchCount(
                        DSL.table("example_app_schema_history"),
                        DSL.field("version").eq("3")))
                .isZero();
        assertThat(AppMigrations.flyway(scratch).migrate().migrationsExecuted).isEqualTo(1);
        assertThat(scratchDsl.fetchValue("select to_regclass('resources')::text"))
                .isEqualTo("resources");
    }

    private static void backdate(Resource resource, String at) {
        dsl.execute(
                "alter table resources disable trigger resources_set_updated_at;"
                        + " update resources set created_at = ?::timestamptz, updated_at = ?::timestamptz where id = ?;"
                        + " alter table resources enable trigger resources_set_updated_at",
                at,
                at,
                resource.id());
    }
}
