package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.io.TempDir;

/** Without Chromium the browser tests are skipped with how to install it, except under CI, where they fail. */
class BrowserConditionTest {

    @TempDir
    Path folder;

    @Test
    void missingChromiumSkipsWithTheInstallCommand() {
        ConditionEvaluationResult result =
                Browser.condition(folder.resolve("chromium"), folder.resolve("chromedriver"), false);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("apt-get install chromium chromium-driver"));
    }

    @Test
    void missingChromiumUnderCiFails() {
        assertThatThrownBy(() -> Browser.condition(folder.resolve("chromium"), folder.resolve("chromedriver"), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CI=true")
                .hasMessageContaining("apt-get install chromium chromium-driver");
    }

    @Test
    void bothInstalledRuns() throws Exception {
        Path chromium = executable("chromium");
        Path driver = executable("chromedriver");

        assertThat(Browser.condition(chromium, driver, true).isDisabled()).isFalse();
        assertThat(Browser.condition(chromium, folder.resolve("absent"), false).isDisabled())
                .isTrue();
    }

    private Path executable(String name) throws Exception {
        return Files.createFile(
                folder.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
}
