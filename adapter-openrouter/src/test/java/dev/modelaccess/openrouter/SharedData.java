package dev.modelaccess.openrouter;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real OpenRouter responses in {@code shared/data/openrouter} beside the checkout, read in place and
 * never copied: {@code $MODELACCESS_SHARED_DATA} (the build sets it), else the first {@code
 * shared/data/openrouter} above the working directory. Missing under CI ({@code CI=true}) fails the test;
 * elsewhere the test is skipped with a message saying so.
 */
final class SharedData {

    private static final String MARKER = "models-2026-08-14-all-modalities.json";

    private SharedData() {}

    static Path openRouterFolder() {
        String configured = System.getenv("MODELACCESS_SHARED_DATA");
        if (configured != null && !configured.isBlank() && Files.isRegularFile(Path.of(configured, MARKER))) {
            return Path.of(configured);
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/openrouter");
            if (Files.isRegularFile(candidate.resolve(MARKER))) {
                return candidate;
            }
        }
        String message = "The real OpenRouter responses were not found: MODELACCESS_SHARED_DATA=" + configured
                + " has no " + MARKER + ", and there is no shared/data/openrouter above " + start;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + ". They are required under CI (CI=true).");
        }
        Assumptions.abort(message + ". Skipping the replay of real responses; the project's own fixtures still run.");
        throw new AssertionError("unreachable");
    }

    static Path file(String name) {
        return openRouterFolder().resolve(name);
    }
}
