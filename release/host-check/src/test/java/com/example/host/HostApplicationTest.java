package com.example.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.access.ModelAccessService;
import dev.modelaccess.core.access.ModelAdministration;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The host starts against a real PostgreSQL with the staged model-access, syncs a catalog from OpenRouter played on
 * loopback, and answers one user's dropdown before and after one admin approval.
 */
@WithPostgres
class HostApplicationTest {

    static final UUID PRO_USER = UUID.fromString("b0000000-0000-4000-8000-000000000001");
    static final String MODEL = "openai/gpt-4o";

    TestSchema schema;

    @Test
    void answersAUsersDropdownAndAnAdminApproval() throws Exception {
        TestSchema target = schema.createSchema();
        target.execute("create table profiles (id uuid primary key, tier text not null, default_model text)");
        target.execute("insert into profiles (id, tier) values ('" + PRO_USER + "', 'pro')");
        List<String> args = new ArrayList<>(target.springDatasource());

        try (LocalOpenRouter openRouter = LocalOpenRouter.start().on("/api/v1/models", LocalOpenRouter.json(catalog()));
                ConfigurableApplicationContext host = new SpringApplicationBuilder(HostApplication.class)
                        .web(WebApplicationType.NONE)
                        .run(with(
                                args,
                                "--modelaccess.openrouter.base-url=" + openRouter.baseUrl(),
                                "--modelaccess.sync.run-on-startup=never",
                                "--modelaccess.sync.schedule.enabled=false"))) {
            SyncOutcome sync = host.getBean(CatalogSync.class).run(SyncTrigger.MANUAL, false);
            assertThat(sync).isInstanceOf(SyncOutcome.Succeeded.class);
            ModelAccessService access = host.getBean(ModelAccessService.class);
            assertThat(access.dropdownFor(PRO_USER).menu().models()).as("nothing before review").isEmpty();

            host.getBean(ModelAdministration.class)
                    .update(new AdminChange(MODEL, ModelStatus.ACTIVE, null, true, null), "admin@example.com");
            host.getBean(AccessRuleCache.class).reload();

            assertThat(access.dropdownFor(PRO_USER).menu().contains(MODEL)).isTrue();
            assertThat(access.isAllowed(PRO_USER, MODEL)).isTrue();
        }
    }

    @Test
    void modelAccessComesFromTheStagedRelease() {
        String freshRepository = System.getProperty("modelaccess.fresh.repository");
        assertThat(freshRepository).as("set by release/check-staged-release.sh").isNotBlank();
        for (Class<?> type : List.of(ModelAccessService.class, CatalogSync.class, LocalOpenRouter.class)) {
            Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath());
            assertThat(jar).as(type.getName()).startsWith(Path.of(freshRepository));
        }
    }

    private static String[] with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args.stream().map(arg -> "--" + arg).toList());
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String catalog() {
        return """
                {"data":[{"id":"%s","canonical_slug":"%s","name":"GPT-4o","created":1767225600,\
                "description":"A model.","context_length":128000,\
                "architecture":{"modality":"text->text","input_modalities":["text"],"output_modalities":["text"],\
                "tokenizer":"Other","instruct_type":null},\
                "pricing":{"prompt":"0.000001","completion":"0.000002"},\
                "top_provider":{"context_length":128000,"max_completion_tokens":4096,"is_moderated":false},\
                "per_request_limits":null,"supported_parameters":["max_tokens"],"default_parameters":{}}],\
                "total_count":1}""".formatted(MODEL, MODEL);
    }
}
