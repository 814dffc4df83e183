package dev.modelaccess.core.port;

import dev.modelaccess.core.catalog.CatalogModel;
import java.util.List;

/** One page of a {@link CatalogQuery} and how many models match in all. */
public record CatalogPage(List<CatalogModel> models, long total) {

    public CatalogPage {
        models = List.copyOf(models);
    }
}
