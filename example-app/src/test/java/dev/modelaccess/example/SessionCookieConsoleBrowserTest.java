package dev.modelaccess.example;

import static dev.modelaccess.example.ConsoleModels.allNew;
import static dev.modelaccess.example.ConsoleModels.flag;
import static dev.modelaccess.example.ConsoleModels.row;
import static dev.modelaccess.example.ConsoleModels.status;
import static dev.modelaccess.example.ConsoleModels.syncOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.cookiehost.CookieHostApplication;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The admin console on a host that signs in with a session cookie ({@link CookieHostApplication}: form login,
 * Spring Security's CSRF token in the {@code XSRF-TOKEN} cookie), in headless Chromium, on PostgreSQL, with OpenRouter
 * on loopback. No bearer token anywhere: the console's calls carry the session cookie and, on writes, the CSRF
 * header. Screenshots under {@code target/console-screenshots/}.
 */
@WithPostgres
@ExtendWith(Browser.class)
class SessionCookieConsoleBrowserTest {

    static final String ALPHA = "acme/alpha";
    static final String BETA = "acme/beta";

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static ConfigurableApplicationContext host;
    static int port;
    static DSLContext dsl;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        openRouter = ExampleOpenRouter.serving(ExampleOpenRouter.models(ALPHA, BETA));
        host = new SpringApplicationBuilder(CookieHostApplication.class)
                .properties(schema.springDatasource().toArray(String[]::new))
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.main.banner-mode=off",
                        "--modelaccess.openrouter.base-url=" + openRouter.baseUrl(),
                        "--modelaccess.sync.run-on-startup=never",
                        "--modelaccess.sync.schedule.enabled=false",
                        "--modelaccess.web.enabled=true",
                        "--modelaccess.web.console.enabled=true",
                        "--modelaccess.web.console.sign-out-url=/logout");
        port = Integer.parseInt(host.getEnvironment().getRequiredProperty("local.server.port"));
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
        syncOnce(host);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(browser, host, openRouter);
    }

    /** Both models new with no tiers and no decisions recorded; the browser signed out with nothing stored. */
    @BeforeEach
    void reset() {
        dsl.execute("delete from model_access_events where kind in ('status_changed', 'tiers_changed')");
        allNew(dsl, host);
        browser.open(url("/login"));
        browser.driver().manage().deleteAllCookies();
        browser.script("sessionStorage.clear()");
    }

    static String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Signs in through the host's own login form, which then opens the console. */
    void signInThroughTheHostsForm() {
        browser.open(url("/model-access/"));
        browser.type("#username", CookieHostApplication.ADMIN.toString());
        browser.type("#password", CookieHostApplication.PASSWORD);
        browser.click("button[type=submit]");
        browser.find("#review-view");
    }

    @Test
    void signedInByTheHostsSessionAnAdminApprovesANewModelForProWithoutAnyBearerToken() {
        signInThroughTheHostsForm();
        browser.waitForText("#new-count", "2");
        assertThat(browser.script("return sessionStorage.getItem('modelaccess.console.token')"))
                .as("no bearer token")
                .isNull();
        assertThat(browser.driver().manage().getCookieNamed("XSRF-TOKEN"))
                .as("the host hands the page its CSRF token")
                .isNotNull();
        browser.screenshots("session-review-queue");

        browser.click(row(ALPHA) + " button[data-action=approve]");
        browser.find("#approve-dialog");
        if (!browser.find("#approve-pro").isSelected()) {
            browser.click("#approve-pro");
        }
        if (browser.find("#approve-enterprise").isSelected()) {
            browser.click("#approve-enterprise");
        }
        if (browser.find("#approve-free").isSelected()) {
            browser.click("#approve-free");
        }
        browser.click("#approve-ok");
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(row(ALPHA))));
        browser.waitForText("#new-count", "1");
        browser.screenshots("session-approved-for-pro");

        assertThat(status(dsl, ALPHA)).isEqualTo("active");
        assertThat(flag(dsl, ALPHA, "pro")).isTrue();
        assertThat(flag(dsl, ALPHA, "free")).isFalse();
        assertThat(flag(dsl, ALPHA, "enterprise")).isFalse();
        assertThat(status(dsl, BETA)).isEqualTo("new");
        assertThat(((Number) dsl.fetchValue(
                                "select count(*) from model_access_events where model_id = ?"
                                        + " and kind = 'status_changed' and actor like '%' || ? || '%'",
                                ALPHA, CookieHostApplication.ADMIN.toString()))
                        .intValue())
                .as("one decision, recorded as the session's user")
                .isEqualTo(1);
    }

    @Test
    void aWriteWithTheSessionCookieButWithoutTheCsrfHeaderIsRefusedAndChangesNothing() {
        signInThroughTheHostsForm();
        String session = browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
        Cookie csrf = browser.driver().manage().getCookieNamed("XSRF-TOKEN");
        assertThat(csrf).isNotNull();
        String approve = "{\"status\":\"active\",\"is_pro\":true}";

        HttpResponse<String> refused = patch(ALPHA, approve, "JSESSIONID=" + session, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(status(dsl, ALPHA)).isEqualTo("new");
        assertThat(flag(dsl, ALPHA, "pro")).isFalse();

        // a header that is not the cookie's token is refused as well
        HttpResponse<String> forged =
                patch(ALPHA, approve, "JSESSIONID=" + session + "; XSRF-TOKEN=" + csrf.getValue(), "not-the-token");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(status(dsl, ALPHA)).isEqualTo("new");

        // the same session with the cookie's token in the header is let through: the 403s were the CSRF check's
        HttpResponse<String> accepted =
                patch(ALPHA, approve, "JSESSIONID=" + session + "; XSRF-TOKEN=" + csrf.getValue(), csrf.getValue());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(status(dsl, ALPHA)).isEqualTo("active");
        assertThat(flag(dsl, ALPHA, "pro")).isTrue();
    }

    @Test
    void aChangeTheHostsCsrfCheckRefusesIsExplainedInPlainWordsNotAsANonAdmin() {
        signInThroughTheHostsForm();
        browser.waitForText("#new-count", "2");
        // as after the session's CSRF token was lost: the console's next write carries no CSRF header
        browser.driver().manage().deleteCookieNamed("XSRF-TOKEN");

        browser.click(row(ALPHA) + " button[data-action=approve]");
        browser.find("#approve-dialog");
        browser.click("#approve-ok");

        browser.waitForText("#alert", "The server refused this change");
        assertThat(browser.find("#alert").getText())
                .contains("reload the page")
                .as("the host's bare status name is not passed off as an explanation")
                .doesNotContain("Forbidden");
        assertThat(browser.find("#review-view").isDisplayed())
                .as("still the review queue, not the not-an-admin screen")
                .isTrue();
        assertThat(browser.driver().findElement(By.id("forbidden-view")).isDisplayed())
                .isFalse();
        browser.screenshots("session-csrf-refused");
        assertThat(status(dsl, ALPHA)).isEqualTo("new");
        assertThat(flag(dsl, ALPHA, "pro")).isFalse();
    }

    @Test
    void signOutEndsTheHostsSessionThroughTheHostsOwnSignOut() {
        signInThroughTheHostsForm();
        browser.waitForText("#new-count", "2");

        browser.click("#sign-out");
        browser.until(ExpectedConditions.urlContains("/login?logout"));

        browser.open(url("/model-access/"));
        browser.find("#username"); // the host asks for a sign-in again: its session is over
        assertThat(browser.driver().getCurrentUrl()).contains("/login");
    }

    static HttpResponse<String> patch(String model, String json, String cookies, @Nullable String csrfHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/api/admin/models/" + model)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Cookie", cookies)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
        if (csrfHeader != null) {
            request.header("X-XSRF-TOKEN", csrfHeader);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
