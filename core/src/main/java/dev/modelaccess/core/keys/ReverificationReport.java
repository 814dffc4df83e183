package dev.modelaccess.core.keys;

/**
 * What one {@link UserKeys#reverifyAll()} pass did.
 *
 * @param checked rows looked at
 * @param valid keys OpenRouter accepted
 * @param invalid keys OpenRouter refused (now marked invalid)
 * @param unavailable keys OpenRouter could not answer about (left as they were)
 * @param undecryptable rows whose value does not decrypt (left as they were)
 * @param changedMeanwhile rows the user changed or deleted while the pass ran (left to the user's change)
 */
public record ReverificationReport(
        int checked, int valid, int invalid, int unavailable, int undecryptable, int changedMeanwhile) {}
