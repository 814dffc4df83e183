package dev.modelaccess.example;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver (never a downloaded browser or
 * driver: Selenium Manager is switched off). As an extension on a test class: without {@code /usr/bin/chromium} or
 * {@code /usr/bin/chromedriver} the class is skipped with a message saying how to install them, except under {@code
 * CI=true}, where it fails.
 */
final class Browser implements AutoCloseable, ExecutionCondition, TestWatcher {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final String INSTALL = "apt-get install chromium chromium-driver";

    /** The browser of the running test class, for a screenshot when a test fails. */
    private static volatile Browser current;

    private final ChromeDriver driver;
    private final Path profile;

    /** For JUnit's extension use only. */
    Browser() {
        driver = null;
        profile = null;
    }

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return condition(CHROMIUM, CHROMEDRIVER, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /** Runs when both are installed; else skipped with how to install them, or, under CI, a failure. */
    static ConditionEvaluationResult condition(Path chromium, Path chromedriver, boolean ci) {
        if (Files.isExecutable(chromium) && Files.isExecutable(chromedriver)) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
        }
        String message = "Browser tests need " + chromium + " and " + chromedriver + ": " + INSTALL;
        if (ci) {
            throw new IllegalStateException("Under CI=true the browser tests must run. " + message);
        }
        return ConditionEvaluationResult.disabled(message);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Browser browser = current;
        if (browser != null && browser.driver != null) {
            browser.screenshots("FAILED-" + context.getRequiredTestMethod().getName());
        }
    }

    static Browser start() {
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        try {
            Path profile = Files.createTempDirectory("console-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--hide-scrollbars",
                    "--window-size=1280,900",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
            current = new Browser(driver, profile);
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Clicks the element once it is clickable; one replaced by a re-render before the click is looked up again. */
    void click(String css) {
        until(page -> {
            WebElement element =
                    ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(page);
            if (element == null) {
                return null;
            }
            element.click();
            return element;
        });
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Waits (at most 10 s) until the element holds the text. */
    void waitForText(String css, String text) {
        until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /**
     * Waits (at most 10 s) for the condition. The console re-renders its table on every answer, so an element found
     * a moment ago may be replaced while the condition reads it: that is "not yet", never a failure.
     */
    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** Opens the console at {@code consoleUrl} signed out: the session storage (where it keeps a token) cleared. */
    void openConsoleSignedOut(String consoleUrl) {
        open(consoleUrl);
        script("sessionStorage.clear()");
    }

    /** Opens the console at {@code consoleUrl}, signs in with {@code token} and waits for the review page. */
    void signInToConsole(String consoleUrl, String token) {
        open(consoleUrl);
        type("#token", token);
        click("#signin-form button[type=submit]");
        find("#review-view");
    }

    /** Switches the signed-in console to one of its pages by its navigation button, and waits for the page. */
    void openConsoleView(String view) {
        click("#nav button[data-view=" + view + "]");
        find("#" + view + "-view");
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Saves the page as {@code target/console-screenshots/<name>-1280.png} and {@code -390.png}. */
    void screenshots(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            for (int width : new int[] {1280, 390}) {
                driver.manage().window().setSize(new Dimension(width, width == 1280 ? 900 : 844));
                long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
                // the window's own frame, which the window's size counts and the page does not get
                long frame =
                        ((Number) script("return Math.max(0, window.outerHeight - window.innerHeight)")).longValue();
                // the page down to 1800 px, not only the first screen
                driver.manage().window().setSize(new Dimension(width, (int)
                        (Math.min(Math.max(height, 844), 1800) + frame)));
                Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(shot, SCREENSHOTS.resolve(name + "-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
            driver.manage().window().setSize(new Dimension(1280, 900));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.quit();
            current = null;
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
