/**
 * Spring Boot auto-configuration for model-access: the catalog store, the OpenRouter catalog source, the scheduled
 * sync, the cached live model list and access rules, metrics and health. Everything is switched on by adding the
 * starter and backs off to any bean of the same type the application defines.
 */
@NullMarked
package dev.modelaccess.spring;

import org.jspecify.annotations.NullMarked;
