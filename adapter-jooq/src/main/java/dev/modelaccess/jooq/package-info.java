/**
 * PostgreSQL persistence for model-access, with jOOQ and pgjdbc.
 *
 * <ul>
 *   <li>{@link dev.modelaccess.jooq.JooqModelAccess} is the entry: built on a {@code DataSource} (and the host's
 *       {@code DSLContext}), it gives the catalog store, users' key store, user profiles, job lock and change feed
 *       as the core's ports;
 *   <li>{@link dev.modelaccess.jooq.ModelAccessSchema} applies the library's migrations (from {@code
 *       model-access-database}) with Flyway and a history table of its own;
 *   <li>{@link dev.modelaccess.jooq.SupabaseFlavor} applies the optional Supabase flavor (row level security) on
 *       top of the plain migrations;
 *   <li>{@link dev.modelaccess.jooq.StoreErrors} translates database exceptions into {@link
 *       dev.modelaccess.core.StoreException}, for a host's own jOOQ stores.
 * </ul>
 *
 * <p>Everything else, the port implementations and the jOOQ classes generated from the migrations, is
 * package-private and may change in any release.
 */
@NullMarked
package dev.modelaccess.jooq;

import org.jspecify.annotations.NullMarked;
