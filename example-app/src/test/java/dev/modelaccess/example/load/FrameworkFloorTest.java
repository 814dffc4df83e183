package dev.modelaccess.example.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load test's framework floor ({@code example-app/load/FrameworkFloor.java}) is a source-file program the script
 * runs against the app's own libraries; the build does not compile it otherwise. This keeps it from rotting unseen: an
 * upgrade that renames or drops one of the auto-configurations or security types it names fails here, not in the
 * next load test.
 */
class FrameworkFloorTest {

    @Test
    void compilesAgainstTheAppsLibraries(@TempDir Path classes) {
        Path source = Path.of("load", "FrameworkFloor.java");
        assertThat(source).isRegularFile();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();

        boolean compiled = javac.getTask(
                        diagnostics,
                        null,
                        null,
                        List.of(
                                "-proc:none",
                                "-classpath",
                                testClassPath(),
                                "-d",
                                classes.toString(),
                                "-Xlint:all",
                                "-Werror"),
                        null,
                        javac.getStandardFileManager(null, null, null).getJavaFileObjects(source))
                .call();

        assertThat(compiled).as(diagnostics.toString()).isTrue();
        assertThat(Files.exists(classes.resolve("FrameworkFloor.class"))).isTrue();
    }

    /** Surefire's whole test class path (java.class.path may be a manifest-only jar). */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
