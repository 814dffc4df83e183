package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed jOOQ classes are exactly what the migrations generate today. */
@WithPostgres
class JooqCodegenDriftTest {

    private static final String HOW_TO_FIX = "The jOOQ classes in src/generated/java are stale: regenerate them with "
            + "./mvnw -B -ntp -pl adapter-jooq -am -Pjooq-codegen process-test-classes -DskipTests and commit";

    @Test
    void theCommittedGeneratedClassesMatchTheMigrations(TestSchema schema, @TempDir Path temp) throws Exception {
        ModelAccessSchema.migrate(schema.dataSource());

        JooqCodegen.generate(schema.dataSource(), schema.name(), temp);

        Map<String, String> fresh = sources(temp);
        Map<String, String> committed =
                sources(Path.of(System.getProperty("basedir", ".")).resolve("src/generated/java"));
        assertThat(fresh).as("generated files").isNotEmpty();
        assertThat(committed.keySet()).as(HOW_TO_FIX).isEqualTo(fresh.keySet());
        fresh.forEach((file, content) -> assertThat(committed.get(file))
                .as(HOW_TO_FIX + " (" + file + ")")
                .isEqualTo(content));
    }

    private static Map<String, String> sources(Path root) throws IOException {
        Path packageRoot = root.resolve(JooqCodegen.PACKAGE.replace('.', '/'));
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(packageRoot)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(packageRoot)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(packageRoot.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }
}
