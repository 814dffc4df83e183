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
import org.jooq.codegen.DefaultGeneratorStrategy;
import org.jooq.codegen.GenerationTool;
import org.jooq.codegen.JavaGenerator;
import org.jooq.meta.Definition;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Strategy;
import org.jooq.meta.jaxb.Target;
import org.jooq.meta.jaxb.VisibilityModifier;
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

    /**
     * The adapter's own package: the generated classes are package-private there ({@code VisibilityModifier.NONE}),
     * so they are no part of the adapter's API. (jOOQ would otherwise spread them over subpackages, which
     * package-private classes cannot span.)
     */
    static final String PACKAGE = "dev.modelaccess.jooq";

    /** Every generated class in {@link #PACKAGE} itself, none in subpackages. */
    public static final class OnePackage extends DefaultGeneratorStrategy {

        @Override
        public String getJavaPackageName(Definition definition, Mode mode) {
            return getTargetPackage();
        }

        @Override
        public String getGlobalNamesJavaPackageName(Definition container, Class<? extends Definition> objectType) {
            return getTargetPackage();
        }

        @Override
        public String getGlobalReferencesJavaPackageName(Definition container, Class<? extends Definition> objectType) {
            return getTargetPackage();
        }
    }

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
                        .withStrategy(new Strategy().withName(OnePackage.class.getName()))
                        .withDatabase(new Database()
                                .withName(PostgresDatabase.class.getName())
                                .withInputSchema(schema)
                                .withOutputSchemaToDefault(true)
                                .withExcludes(ModelAccessSchema.HISTORY_TABLE)
                                .withIncludeRoutines(false)
                                .withIncludeTriggerRoutines(false)
                                .withIncludeSequences(false)
                                .withIncludeUDTs(false)
                                .withIncludeDomains(false)
                                .withIncludeIndexes(false)
                                .withIncludeCheckConstraints(false))
                        .withGenerate(new Generate()
                                .withGeneratedAnnotation(false)
                                .withVisibilityModifier(VisibilityModifier.NONE)
                                .withRecords(true)
                                .withPojos(false)
                                .withDaos(false)
                                .withInterfaces(false)
                                .withJavaTimeTypes(true)
                                .withSources(false)
                                .withSourcesOnViews(false)
                                .withIndexes(false)
                                .withComments(false)
                                .withJavadoc(false)
                                .withAsMethodOverrides(false)
                                .withRenameMethodOverrides(false)
                                .withWhereMethodOverrides(false)
                                .withRecordsImplementingRecordN(false)
                                .withImplicitJoinPathsToOne(false)
                                .withImplicitJoinPathsToMany(false)
                                .withImplicitJoinPathsManyToMany(false))
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
        unmarkNullness(root.resolve(PACKAGE.replace('.', '/')));
    }

    /**
     * Marks every generated class {@code @NullUnmarked}: they share the adapter's {@code @NullMarked} package, and
     * jOOQ's classes make no nullness promises.
     */
    private static void unmarkNullness(Path packageRoot) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(packageRoot)) {
            files = list.filter(file -> file.toString().endsWith(".java"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            Files.writeString(
                    file,
                    source.replaceFirst(
                            "(?m)^(?:@SuppressWarnings[^\\n]*\\n)?(?=(?:final |abstract )*(?:class|interface|enum) )",
                            "$0@org.jspecify.annotations.NullUnmarked\n"),
                    StandardCharsets.UTF_8);
        }
    }
}
