package dev.modelaccess.example;

import static dev.modelaccess.example.ConsoleModels.flag;
import static dev.modelaccess.example.ConsoleModels.status;
import static dev.modelaccess.example.ConsoleModels.syncOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's "Export / import" page in headless Chromium against the example app on PostgreSQL: the current
 * catalog opened in the editor, changed, previewed (the diff from → to, nothing written), then applied; a change the
 * lifecycle forbids refused with the entry and line named. Screenshots at 1280 and 390 px under {@code
 * target/console-screenshots/}.
 */
@WithPostgres
@ExtendWith(Browser.class)
class CatalogAsCodeConsoleBrowserTest {

    static final UUID ADMIN = UUID.fromString("c0000000-0000-4000-8000-0000000002ad");

    static final String SONNET = "anthropic/claude-3.5-sonnet";
    static final String GPT = "openai/gpt-4o-mini";
    static final String LLAMA = "meta-llama/llama-3.3-70b-instruct:free";
    static final String MISTRAL = "mistralai/mistral-small-3.2-24b-instruct-2506";

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static RunningApp app;
    static DSLContext dsl;
    static Browser browser;

    @BeforeAll
    static void start() {
        openRouter = ExampleOpenRouter.serving(List.of(
                ExampleOpenRouter.model(SONNET, "Claude 3.5 Sonnet", "0.000003", "0.000015"),
                ExampleOpenRouter.model(GPT, "GPT-4o mini", "0.00000015", "0.0000006"),
                ExampleOpenRouter.model(LLAMA, "Llama 3.3 70B (free)", "0", "0"),
                ExampleOpenRouter.model(MISTRAL, "Mistral Small 3.2", "0.0000001", "0.0000003")));
        app = RunningApp.start(
                schema,
                openRouter,
                "modelaccess.web.enabled=true",
                "modelaccess.web.console.enabled=true",
                "modelaccess.catalog.listen.enabled=false");
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
        dsl.execute("insert into profiles (id, tier) values (?, 'enterprise')", ADMIN);
        syncOnce(app.context);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(browser, app, openRouter);
    }

    @BeforeEach
    void reset() {
        ConsoleModels.allNew(dsl, app.context);
        dsl.execute("delete from tier_defaults");
        dsl.execute("delete from model_successors");
        dsl.execute("delete from catalog_rules");
        dsl.execute(
                "update model_access set status = 'active', is_pro = true, is_enterprise = true"
                        + " where model_id = ?",
                GPT);
        app.reloadCaches();
        browser.openConsoleSignedOut(url("/model-access/"));
    }

    static String url(String path) {
        return "http://localhost:" + app.port + path;
    }

    void openTransferPage() {
        browser.signInToConsole(url("/model-access/"), TestTokens.admin(ADMIN));
        browser.openConsoleView("transfer");
    }

    /** The editor's text replaced, as a paste does (the page hears the input). */
    void paste(String text) {
        browser.script(
                "const area = document.getElementById('import-text'); area.value = arguments[0];"
                        + " area.dispatchEvent(new Event('input'));",
                text);
    }

    String editor() {
        return (String) browser.script("return document.getElementById('import-text').value");
    }

    static long importEvents() {
        return ((Number) dsl.fetchValue("select count(*) from model_access_events where actor = 'import'")).longValue();
    }

    @Test
    void anAdminOpensTheCatalogChangesItPreviewsTheDiffAndAppliesIt() {
        openTransferPage();
        browser.click("#export-load");
        browser.until(page -> editor().startsWith("version: 1\n"));
        String file = editor();
        assertThat(file).contains("- id: " + GPT + "\n  status: active\n  is_free: false\n  is_pro: true\n");

        paste(file.replace(
                        "- id: " + SONNET + "\n  status: new\n  is_free: false\n  is_pro: false\n"
                                + "  is_enterprise: false\n",
                        "- id: " + SONNET + "\n  status: active\n  is_free: false\n  is_pro: true\n"
                                + "  is_enterprise: true\n")
                .replace(
                        "- id: " + LLAMA + "\n  status: new\n  is_free: false\n",
                        "- id: " + LLAMA + "\n  status: active\n  is_free: true\n")
                .replace("models:\n", "models:\n- id: someone/retired-long-ago\n  status: disabled\n")
                .replace(
                        "rules: []",
                        "rules:\n- name: free-models\n  match:\n    free: true\n  action: approve\n"
                                + "  tiers: [free]")
                .replace("tier_defaults: {}", "tier_defaults:\n  pro: " + SONNET));
        assertThat(browser.find("#import-apply").isEnabled())
                .as("no apply before a preview")
                .isFalse();

        browser.click("#import-preview");

        browser.waitForText(
                "#import-summary",
                "Dry run, nothing written: 2 models changed, 2 as the file says already, 1 rule change,"
                        + " 1 tier default change, 1 not in the catalog (skipped).");
        browser.waitForText("#import-models-body", "pro tier: off → on");
        browser.waitForText("#import-rules-body", "free-models: approve for free");
        browser.waitForText("#import-defaults-body", "none → " + SONNET);
        browser.waitForText("#import-unknown-list", "someone/retired-long-ago");
        assertThat(status(dsl, SONNET)).as("a preview writes nothing").isEqualTo("new");
        assertThat(importEvents()).isZero();
        browser.screenshots("catalog-import-preview");

        browser.click("#import-apply");
        browser.click("#confirm-ok");

        browser.waitForText("#import-summary", "Applied: ");
        assertThat(browser.find("#status").getText())
                .as("the summary is said once, in its box")
                .isEqualTo("Import applied: what it changed is below.");
        assertThat(status(dsl, SONNET)).isEqualTo("active");
        assertThat(flag(dsl, SONNET, "pro")).isTrue();
        assertThat(flag(dsl, LLAMA, "free")).isTrue();
        assertThat(dsl.fetchValue("select count(*) from catalog_rules")).isEqualTo(1L);
        assertThat(dsl.fetchValue("select count(*) from model_access where model_id = 'someone/retired-long-ago'"))
                .isEqualTo(0L);
        assertThat(importEvents()).isPositive();
        assertThat(browser.find("#import-apply").isEnabled()).as("applied once").isFalse();
        browser.screenshots("catalog-import-applied");
    }

    @Test
    void aChangeTheLifecycleForbidsIsRefusedWithTheEntryAndLineNamedAndNothingIsWritten() {
        openTransferPage();
        paste("version: 1\nmodels:\n- id: " + SONNET + "\n  status: active\n  is_pro: true\n- id: " + GPT
                + "\n  status: new\n");

        browser.click("#import-preview");

        browser.waitForText("#alert", "field models[1].status, line 6");
        assertThat(browser.find("#import-apply").isEnabled()).isFalse();
        assertThat(status(dsl, SONNET)).isEqualTo("new");
        assertThat(importEvents()).isZero();
        browser.screenshots("catalog-import-refused");
    }
}
