package dev.modelaccess.example;

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
import org.openqa.selenium.support.ui.Select;

/**
 * The console's rule editor in headless Chromium against the example app on PostgreSQL: rules written in the form,
 * reordered, previewed (nothing written), then saved and applied to the pending models; a bad glob refused with
 * the field named; the provider and modality filters as pick lists; a price hold cleared from the review queue.
 * Screenshots at 1280 and 390 px under {@code target/console-screenshots/}.
 */
@WithPostgres
@ExtendWith(Browser.class)
class CatalogRulesConsoleBrowserTest {

    static final UUID ADMIN = UUID.fromString("c0000000-0000-4000-8000-0000000001ad");

    static final String SONNET = "anthropic/claude-3.5-sonnet";
    static final String GPT = "openai/gpt-4o-mini";
    static final String O1 = "openai/o1-pro";
    static final String LLAMA = "meta-llama/llama-3.3-70b-instruct:free";
    static final String MISTRAL = "mistralai/mistral-small";
    static final String IMAGE = "google/gemini-2.5-flash-image";

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static RunningApp app;
    static DSLContext dsl;
    static Browser browser;

    static List<String> catalog(String gptPrompt) {
        return List.of(
                ExampleOpenRouter.model(SONNET, "Claude 3.5 Sonnet", "0.000003", "0.000015"),
                ExampleOpenRouter.model(GPT, "GPT-4o mini", gptPrompt, "0.0000006"),
                ExampleOpenRouter.model(O1, "o1-pro", "0.00015", "0.0006"),
                ExampleOpenRouter.model(LLAMA, "Llama 3.3 70B (free)", "0", "0"),
                ExampleOpenRouter.model(MISTRAL, "Mistral Small", "0.0000001", "0.0000003"),
                ExampleOpenRouter.model(IMAGE, "Gemini 2.5 Flash Image", "0.0000003", "0.0000025")
                        .replace("\"text->text\"", "\"text->image\"")
                        .replace("\"output_modalities\":[\"text\"]", "\"output_modalities\":[\"image\",\"text\"]"));
    }

    @BeforeAll
    static void start() throws Exception {
        openRouter = ExampleOpenRouter.serving(catalog("0.00000015"));
        app = RunningApp.start(
                schema, openRouter, "modelaccess.web.enabled=true", "modelaccess.web.console.enabled=true");
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
        openRouter.on(ExampleOpenRouter.MODELS, ExampleOpenRouter.catalog(catalog("0.00000015")));
        ConsoleModels.allNew(dsl, app.context);
        dsl.execute("delete from catalog_rules");
        dsl.execute("delete from model_review_holds");
        app.reloadCaches();
        browser.openConsoleSignedOut(url("/model-access/"));
    }

    static String url(String path) {
        return "http://localhost:" + app.port + path;
    }

    void signInAsAdmin() {
        browser.signInToConsole(url("/model-access/"), TestTokens.admin(ADMIN));
    }

    void addRule(
            String name, String authors, String prompt, String free, String output, String action, List<String> tiers) {
        browser.type("#r-name", name);
        browser.type("#r-authors", authors);
        browser.type("#r-prompt", prompt);
        new Select(browser.find("#r-free")).selectByValue(free);
        new Select(browser.find("#r-output")).selectByValue(output);
        new Select(browser.find("#r-action")).selectByValue(action);
        if (action.equals("approve")) {
            for (String tier : List.of("free", "pro", "enterprise")) {
                String box = tier.equals("free") ? "#r-free-tier" : "#r-" + tier;
                if (browser.find(box).isSelected() != tiers.contains(tier)) {
                    browser.click(box);
                }
            }
        }
        browser.click("#rule-submit");
    }

    static long savedRules() {
        return ((Number) dsl.fetchValue("select count(*) from catalog_rules")).longValue();
    }

    @Test
    void anAdminWritesRulesPreviewsThemSavesThemAndAppliesThemToThePendingModels() {
        signInAsAdmin();
        browser.click("#nav button[data-view=rules]");
        browser.waitForText("#rules-caption", "0 rules");

        addRule("rest-to-review", "", "", "", "", "review", List.of());
        addRule("big-labs-affordable", "anthropic/*, openai/*", "5", "", "", "approve", List.of("pro", "enterprise"));
        addRule("free-models", "", "", "true", "", "approve", List.of("free"));
        addRule("no-image-output", "", "", "", "image", "disable", List.of());
        // the catch-all was added first: move it to the end
        for (int i = 0; i < 3; i++) {
            browser.click("#rules-body tr:nth-child(" + (i + 1) + ") button[data-op=down]");
        }
        browser.waitForText("#rules-body tr:nth-child(4)", "rest-to-review");
        assertThat(browser.find("#rules-save").isEnabled())
                .as("no save before a preview")
                .isFalse();

        browser.click("#rules-preview");
        browser.waitForText(
                "#rules-preview-summary",
                "The 6 models now new: 3 approved (free 1, pro 2, enterprise 2), 1 disabled, 2 sent to review");
        assertThat(savedRules()).as("a preview writes nothing").isZero();
        assertThat(status(dsl, SONNET)).isEqualTo("new");
        browser.screenshots("rule-editor-preview");

        browser.click("#rules-save");
        browser.click("#confirm-ok");
        browser.waitForText("#status", "Saved 4 rules.");
        assertThat(dsl.fetch("select name from catalog_rules order by position").getValues(0, String.class))
                .containsExactly("big-labs-affordable", "free-models", "no-image-output", "rest-to-review");

        browser.click("#pending-dry");
        browser.waitForText("#pending-result", "Dry run: the saved rules would decide 6 of the 6 pending models");
        assertThat(status(dsl, SONNET)).isEqualTo("new");
        browser.click("#pending-apply");
        browser.click("#confirm-ok");
        browser.waitForText("#pending-result", "Applied: the saved rules decided 6 of the 6 pending models");
        assertThat(List.of(
                        status(dsl, SONNET), status(dsl, GPT), status(dsl, O1), status(dsl, LLAMA), status(dsl, IMAGE)))
                .containsExactly("active", "active", "new", "active", "disabled");
        assertThat(dsl.fetchValue("select reviewed_by from model_access where model_id = ?", SONNET))
                .isEqualTo("rule:big-labs-affordable");
    }

    @Test
    void aBadGlobIsRefusedWithTheFieldNamedAndNothingIsSaved() {
        signInAsAdmin();
        browser.click("#nav button[data-view=rules]");
        browser.type("#r-name", "regex");
        browser.type("#r-model", "openai/gpt-[45]*");
        browser.click("#rule-submit");

        browser.click("#rules-preview");

        browser.waitForText("#alert", "rules[0].match.model_id");
        assertThat(browser.find("#rules-save").isEnabled()).isFalse();
        assertThat(savedRules()).isZero();
    }

    @Test
    void theFiltersArePickListsAndAHeldPriceIsClearedFromTheQueue() {
        dsl.execute("update model_access set status = 'active', is_pro = true where model_id = ?", GPT);
        openRouter.on(ExampleOpenRouter.MODELS, ExampleOpenRouter.catalog(catalog("0.0000006")));
        syncOnce(app.context);
        signInAsAdmin();

        browser.waitForText("#holds-list", GPT);
        assertThat(new Select(browser.find("#f-provider")).getOptions())
                .extracting(option -> option.getAttribute("value"))
                .containsExactly("", "anthropic", "google", "meta-llama", "mistralai", "openai");
        assertThat(new Select(browser.find("#f-modality")).getOptions())
                .extracting(option -> option.getAttribute("value"))
                .containsExactly("", "text->image", "text->text");
        browser.screenshots("review-queue-price-hold");

        browser.click("#holds-list button[data-hold=\"" + GPT + "\"]");
        browser.waitForText("#status", "Hold on " + GPT + " cleared.");
        assertThat(((Number) dsl.fetchValue("select count(*) from model_review_holds")).longValue())
                .isZero();
    }
}
