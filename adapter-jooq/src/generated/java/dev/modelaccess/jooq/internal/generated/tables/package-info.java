/**
 * Internal: jOOQ classes generated from the model-access migrations by {@code JooqCodegen}. Not API;
 * they change whenever the schema does. Do not edit: regenerate with {@code -Pjooq-codegen}.
 */
@NullUnmarked
package dev.modelaccess.jooq.internal.generated.tables;

import org.jspecify.annotations.NullUnmarked;
