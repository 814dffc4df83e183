package dev.modelaccess.testsupport.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * Finds the real OpenRouter responses in {@code shared/data/openrouter} beside the checkout. They are read in place
 * and never copied into the project.
 *
 * <p>Where: {@code $MODELACCESS_SHARED_DATA} (the build sets it to {@code ../shared/data/openrouter} from the
 * checkout), else the first {@code shared/data/openrouter} above the working directory. When the folder is missing,
 * a test under CI ({@code CI=true}) fails; anywhere else it is skipped with a message saying why.
 */
public final class SharedData {

    private static final String MARKER = "models-2026-08-14-all-modalities.json";

    private SharedData() {}

    /** The folder of real OpenRouter responses; fails or skips the calling test when it is missing. */
    public static Path openRouterFolder() {
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
            throw new AssertionFailedError(message + ". They are required under CI (CI=true).");
        }
        Assumptions.abort(message + ". Skipping the replay of real responses; the project's own fixtures still run.");
        throw new AssertionError("unreachable");
    }

    /** One file of that folder, e.g. {@code models-2026-02-27.json}. */
    public static Path openRouterFile(String name) {
        return openRouterFolder().resolve(name);
    }
}
