/**
 * Model-bound resources: things a user configures once against a catalog model and runs later with their own
 * OpenRouter key. The {@link dev.modelaccess.core.resources.ModelResources} use case and its port {@link
 * dev.modelaccess.core.resources.ResourceStore}. The only type so far is {@code openrouter_instant}: a system prompt
 * and sampling parameters for one model ({@link dev.modelaccess.core.resources.OpenRouterInstantConfig}).
 */
@NullMarked
package dev.modelaccess.core.resources;

import org.jspecify.annotations.NullMarked;
