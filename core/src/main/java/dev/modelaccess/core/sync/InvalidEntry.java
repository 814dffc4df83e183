package dev.modelaccess.core.sync;

import org.jspecify.annotations.Nullable;

/**
 * An upstream entry that could not be read as a model. It is skipped and reported; its catalog row, if any, is
 * left exactly as it was.
 *
 * @param modelId the entry's id when it had a readable one
 */
public record InvalidEntry(@Nullable String modelId, String reason) {}
