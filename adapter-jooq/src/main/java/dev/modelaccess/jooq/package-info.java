/**
 * PostgreSQL persistence for model-access, with jOOQ and pgjdbc.
 *
 * <ul>
 *   <li>{@link dev.modelaccess.jooq.ModelAccessSchema} applies the library's migrations (from {@code
 *       model-access-database}) with Flyway and a history table of its own;
 *   <li>{@link dev.modelaccess.jooq.JooqModelAccessStore} is the {@link dev.modelaccess.core.port.ModelAccessStore}:
 *       the catalog, its history and the sync runs, written set-based;
 *   <li>{@link dev.modelaccess.jooq.PostgresCatalogChangeFeed} is the {@link
 *       dev.modelaccess.core.port.CatalogChangeFeed}: LISTEN on a dedicated connection;
 *   <li>{@link dev.modelaccess.jooq.JooqUserKeyStore} is the {@link dev.modelaccess.core.keys.UserKeyStore}: users'
 *       encrypted OpenRouter keys ({@code user_openrouter_integrations});
 *   <li>{@link dev.modelaccess.jooq.SupabaseFlavor} applies the optional Supabase flavor (row level security) on
 *       top of the plain migrations.
 * </ul>
 *
 * <p>Everything else, including the jOOQ classes generated from the migrations (package-private in this
 * package), is internal and may change in any release.
 */
@NullMarked
package dev.modelaccess.jooq;

import org.jspecify.annotations.NullMarked;
