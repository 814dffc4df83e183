package dev.modelaccess.example.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.port.ChatParams;
import dev.modelaccess.core.resources.NewResource;
import dev.modelaccess.core.resources.OpenRouterInstantConfig;
import dev.modelaccess.core.resources.Resource;
import dev.modelaccess.core.resources.ResourceType;
import dev.modelaccess.jooq.ModelAccessSchema;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resources table and its store on a real PostgreSQL, with the library's and the app's migrations applied. */
@WithPostgres
class JooqResourceStoreTest {

    static TestSchema schema;
    static DSLContext dsl;

    final UUID alice = UUID.randomUUID();
    final UUID bob = UUID.randomUUID();
    final JooqResourceStore store = new JooqResourceStore(dsl);
    UUID gpt;
    UUID llama;

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(schema.dataSource());
        appFlyway(schema).migrate();
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
    }

    /** The same settings as {@code spring.flyway.*} in application.yml. */
    static Flyway appFlyway(TestSchema target) {
        return Flyway.configure()
                .dataSource(target.dataSource())
                .locations("classpath:db/example-app")
                .table("example_app_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }

    @BeforeEach
    void catalog() {
        gpt = catalogRow("openai/gpt-4o-mini-" + UUID.randomUUID());
        llama = catalogRow("meta-llama/llama-" + UUID.randomUUID());
    }

    static UUID catalogRow(String modelId) {
        return dsl.fetchSingle(
                        "insert into model_access (model_id, provider, upstream, upstream_sha256)"
                                + " values (?, 'test', jsonb_build_object('id', ?::text), repeat('0', 64)) returning id",
                        modelId,
                        modelId)
                .get(0, UUID.class);
    }

    static OpenRouterInstantConfig config(String modelId) {
        return new OpenRouterInstantConfig(
                modelId,
                "Réponds en français. \"Quotes\" and \\ backslashes, 🙂",
                new ChatParams(0.2, 64, 0.9, 40, 0.5, -1.5));
    }

    Resource insert(UUID owner, String name, UUID catalogModelId) {
        return store.insert(
                new NewResource(owner, name, ResourceType.OPENROUTER_INSTANT, catalogModelId, config("m/x")));
    }

    @Test
    void anInsertedResourceComesBackWithItsIdTimestampsAndConfigurationIntact() {
        Resource created = store.insert(new NewResource(
                alice, "Translator", ResourceType.OPENROUTER_INSTANT, gpt, config("openai/gpt-4o-mini")));

        assertThat(created.id()).isNotNull();
        assertThat(created.ownerId()).isEqualTo(alice);
        assertThat(created.name()).isEqualTo("Translator");
        assertThat(created.type()).isEqualTo(ResourceType.OPENROUTER_INSTANT);
        assertThat(created.catalogModelId()).isEqualTo(gpt);
        assertThat(created.config()).isEqualTo(config("openai/gpt-4o-mini"));
        assertThat(created.createdAt()).isEqualTo(created.updatedAt());
        assertThat(store.find(alice, created.id())).contains(created);
        assertThat(dsl.fetchValue("select jsonb_typeof(openrouter_config) from resources where id = ?", created.id()))
                .isEqualTo("object");
    }

    @Test
    void parametersLeftOutStayLeftOut() {
        Resource created = store.insert(new NewResource(
                alice,
                "Plain",
                ResourceType.OPENROUTER_INSTANT,
                gpt,
                new OpenRouterInstantConfig("openai/gpt-4o-mini", null, ChatParams.DEFAULTS)));

        assertThat(store.find(alice, created.id()).orElseThrow().config())
                .isEqualTo(new OpenRouterInstantConfig("openai/gpt-4o-mini", null, ChatParams.DEFAULTS));
        assertThat(dsl.fetchValue("select openrouter_config::text from resources where id = ?", created.id()))
                .isEqualTo("{\"params\": {}, \"modelId\": \"openai/gpt-4o-mini\"}");
    }

    @Test
    void anotherUsersResourceIsNeitherFoundNorDeleted() {
        Resource bobs = insert(bob, "bob's", gpt);

        assertThat(store.find(alice, bobs.id())).isEmpty();
        assertThat(store.delete(alice, bobs.id())).isFalse();
        assertThat(store.find(bob, bobs.id())).contains(bobs);
    }

    @Test
    void theOwnerDeletesTheirResourceOnce() {
        Resource own = insert(alice, "mine", gpt);

        assertThat(store.delete(alice, own.id())).isTrue();
        assertThat(store.delete(alice, own.id())).isFalse();
        assertThat(store.find(alice, own.id())).isEmpty();
    }

    @Test
    void aUsersResourcesAreListedNewestFirstAndPaged() {
        UUID owner = UUID.randomUUID();
        Resource first = insert(owner, "first", gpt);
        Resource second = insert(owner, "second", llama);
        Resource third = insert(owner, "third", gpt);
        backdate(first, "2026-01-01T00:00:00Z");
        backdate(second, "2026-01-02T00:00:00Z");
        backdate(third, "2026-01-03T00:00:00Z");
        insert(bob, "not mine", gpt);

        assertThat(store.listByOwner(owner, 10, 0))
                .extracting(Resource::name)
                .containsExactly("third", "second", "first");
        assertThat(store.listByOwner(owner, 1, 1)).extracting(Resource::name).containsExactly("second");
        assertThat(store.listByOwner(owner, 10, 3)).isEmpty();
        assertThat(store.listByOwner(UUID.randomUUID(), 10, 0)).isEmpty();
    }

    @Test
    void deletingTheCatalogRowDetachesTheResourceInsteadOfDeletingIt() {
        Resource bound = insert(alice, "bound", gpt);
        Resource other = insert(alice, "other", llama);

        dsl.execute("delete from model_access where id = ?", gpt);

        Resource detached = store.find(alice, bound.id()).orElseThrow();
        assertThat(detached.catalogModelId()).isNull();
        assertThat(detached.catalogModel()).isEmpty();
        assertThat(detached.config()).isEqualTo(bound.config());
        assertThat(store.find(alice, other.id()).orElseThrow().catalogModelId()).isEqualTo(llama);
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
        appFlyway(scratch).migrate();
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
        assertThat(appFlyway(scratch).migrate().migrationsExecuted).isEqualTo(1);
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
