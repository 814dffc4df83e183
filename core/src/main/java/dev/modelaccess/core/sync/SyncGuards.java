package dev.modelaccess.core.sync;

/**
 * Limits that keep an upstream hiccup from wiping the catalog.
 *
 * @param minUpstreamRatio abort when upstream returned fewer readable models than this share of the models currently
 *     present (not {@code inactive}); default 0.5
 * @param maxDeactivationRatio abort when the run would make more than this share of present models {@code
 *     inactive}; default 0.10
 */
public record SyncGuards(double minUpstreamRatio, double maxDeactivationRatio) {

    public static final SyncGuards DEFAULTS = new SyncGuards(0.5, 0.10);

    public SyncGuards {
        if (!(minUpstreamRatio >= 0 && minUpstreamRatio <= 1)) {
            throw new IllegalArgumentException("minUpstreamRatio must be between 0 and 1, was " + minUpstreamRatio);
        }
        if (!(maxDeactivationRatio >= 0 && maxDeactivationRatio <= 1)) {
            throw new IllegalArgumentException(
                    "maxDeactivationRatio must be between 0 and 1, was " + maxDeactivationRatio);
        }
    }
}
