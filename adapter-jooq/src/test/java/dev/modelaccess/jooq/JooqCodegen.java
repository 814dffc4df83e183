package dev.modelaccess.jooq;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.codegen.GenerationTool;
import org.jooq.codegen.JavaGenerator;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;
import org.jooq.meta.postgres.PostgresDatabase;

/**
 * Generates the jOOQ classes of {@value #PACKAGE} from the real migrations, without Docker: starts embedded
 * PostgreSQL, applies the migrations with {@link ModelAccessSchema}, and runs jOOQ's {@link GenerationTool}.
 *
 * <p>Run it with {@code ./mvnw -B -ntp -pl adapter-jooq -am -Pjooq-codegen process-test-classes}; it rewrites
 * {@code adapter-jooq/src/generated/java}. {@code JooqCodegenDriftTest} runs the same generation into a temporary
 * folder on every build and fails when the committed classes differ.
 */
public final class JooqCodegen {

    static final String PACKAGE = "dev.modelaccess.jooq.internal.generated";

    private JooqCodegen() {}

    /** @param args the source root to (re)write, e.g. {@code src/generated/java} */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: JooqCodegen <source root>");
        }
        Path root = Path.of(args[0]);
        String schema = "modelaccess_codegen";
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("create schema " + schema);
            }
            ModelAccessSchema.migrate(dataSource, schema);
            generate(dataSource, schema, root);
        }
        System.out.println("jOOQ classes written to " + root.resolve(PACKAGE.replace('.', '/')));
    }

    /** Generates from {@code schema} (already migrated) into the source root {@code root}. */
    static void generate(DataSource dataSource, String schema, Path root) throws Exception {
        Configuration configuration = new Configuration()
                .withGenerator(new Generator()
                        .withName(JavaGenerator.class.getName())
                        .withDatabase(new Database()
                                .withName(PostgresDatabase.class.getName())
                                .withInputSchema(schema)
                                .withOutputSchemaToDefault(true)
                                .withExcludes(ModelAccessSchema.HISTORY_TABLE)
                                .withIncludeRoutines(false)
                                .withIncludeTriggerRoutines(false)
                                .withIncludeSequences(false)
                                .withIncludeUDTs(false)
                                .withIncludeDomains(false))
                        .withGenerate(new Generate()
                                .withGeneratedAnnotation(false)
                                .withRecords(true)
                                .withPojos(false)
                                .withDaos(false)
                                .withInterfaces(false)
                                .withJavaTimeTypes(true)
                                .withSources(false)
                                .withSourcesOnViews(false))
                        .withTarget(new Target()
                                .withPackageName(PACKAGE)
                                .withDirectory(root.toString())
                                .withEncoding("UTF-8")
                                .withClean(true)));
        try (Connection connection = dataSource.getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(connection);
            tool.run(configuration);
        }
        writePackageInfos(root.resolve(PACKAGE.replace('.', '/')));
    }

    private static void writePackageInfos(Path packageRoot) throws IOException {
        List<Path> packages;
        try (Stream<Path> walk = Files.walk(packageRoot)) {
            packages = walk.filter(Files::isDirectory).sorted().toList();
        }
        for (Path directory : packages) {
            String packageName = packageRoot.relativize(directory).toString().replace('/', '.');
            String name = PACKAGE + (packageName.isEmpty() ? "" : "." + packageName);
            Files.writeString(directory.resolve("package-info.java"), """
                    /**
                     * Internal: jOOQ classes generated from the model-access migrations by {@code JooqCodegen}. Not API;
                     * they change whenever the schema does. Do not edit: regenerate with {@code -Pjooq-codegen}.
                     */
                    @NullUnmarked
                    package %s;

                    import org.jspecify.annotations.NullUnmarked;
                    """.formatted(name), StandardCharsets.UTF_8);
        }
    }
}
