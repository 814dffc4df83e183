/**
 * The opt-in HTTP API of model-access for a servlet Spring Boot host: the dropdown, the default model, admin review,
 * events, sync and sync runs, and the user's own OpenRouter key, under a configurable base path. Nothing is exposed
 * unless {@code modelaccess.web.enabled=true}; every bean backs off to one the host defines.
 */
@NullMarked
package dev.modelaccess.web;

import org.jspecify.annotations.NullMarked;
