/**
 * The example application: model-access behind a JWT-secured HTTP API, with an embedded PostgreSQL when no
 * datasource is configured.
 */
@NullMarked
package dev.modelaccess.example;

import org.jspecify.annotations.NullMarked;
