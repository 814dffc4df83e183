package dev.modelaccess.core.port;

import dev.modelaccess.core.catalog.CatalogModel;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A catalog model whose upstream {@code expiration_date} falls within the window asked for, or has passed.
 *
 * @param expiresOn the parsed upstream {@code expiration_date}
 */
public record ExpiringModel(CatalogModel model, LocalDate expiresOn) {

    public ExpiringModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(expiresOn, "expiresOn");
    }
}
