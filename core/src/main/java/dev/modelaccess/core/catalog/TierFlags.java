package dev.modelaccess.core.catalog;

/** The per-tier switches of one model ({@code is_free}, {@code is_pro}, {@code is_enterprise}). Admin-owned. */
public record TierFlags(boolean free, boolean pro, boolean enterprise) {

    public static final TierFlags NONE = new TierFlags(false, false, false);

    public boolean allows(Tier tier) {
        return switch (tier) {
            case FREE -> free;
            case PRO -> pro;
            case ENTERPRISE -> enterprise;
        };
    }

    public TierFlags with(Tier tier, boolean allowed) {
        return switch (tier) {
            case FREE -> new TierFlags(allowed, pro, enterprise);
            case PRO -> new TierFlags(free, allowed, enterprise);
            case ENTERPRISE -> new TierFlags(free, pro, allowed);
        };
    }
}
