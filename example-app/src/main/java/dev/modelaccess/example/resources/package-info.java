/**
 * The example app's model-bound resources: the {@code resources} table ({@link
 * dev.modelaccess.example.resources.JooqResourceStore}), the JSON of their configuration, and the wiring of
 * model-access's {@link dev.modelaccess.core.resources.ModelResources} use case.
 */
@NullMarked
package dev.modelaccess.example.resources;

import org.jspecify.annotations.NullMarked;
