package dev.modelaccess.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps {@code core} free of frameworks: the JDK, slf4j-api and JSpecify's annotations, nothing else. */
@AnalyzeClasses(packages = "dev.modelaccess.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule coreDependsOnlyOnTheJdkSlf4jAndJSpecify = classes()
            .that()
            .resideInAPackage("dev.modelaccess.core..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.slf4j..", "org.jspecify..", "dev.modelaccess.core..")
            .because("core must not import Spring, jOOQ, Feign, Jackson or JDBC (SPEC §2)");

    @ArchTest
    static final ArchRule coreUsesNoJdbc = classes()
            .that()
            .resideInAPackage("dev.modelaccess.core..")
            .should()
            .onlyDependOnClassesThat()
            .resideOutsideOfPackages("java.sql..", "javax.sql..")
            .because("persistence belongs to an adapter");
}
