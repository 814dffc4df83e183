package dev.modelaccess.core.catalog;

import dev.modelaccess.core.internal.WireNames;

/**
 * Where a catalog model stands. The sync owns {@code new} (on arrival) and the moves to and from {@code inactive};
 * the admin owns {@code new → active | disabled} and {@code active ↔ disabled}.
 */
public enum ModelStatus {
    /** Arrived from upstream and not reviewed yet: usable by nobody. */
    NEW,
    /** Reviewed and switched on: usable by the tiers whose flag is set. */
    ACTIVE,
    /** Gone upstream; the status it had is kept so it can come back. Usable by nobody. */
    INACTIVE,
    /** Switched off by an admin. Usable by nobody. */
    DISABLED;

    /** The value stored in the database and used on the wire. */
    public String dbValue() {
        return WireNames.of(this);
    }

    /** Parses a stored or wire value; throws {@link IllegalArgumentException} for anything else. */
    public static ModelStatus fromDbValue(String value) {
        return WireNames.require(ModelStatus.class, value, false, "model status");
    }
}
