package dev.modelaccess.testsupport.sync;

import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A catalog source that answers what the test told it to, or fails the way the test told it to. */
final class FakeCatalogSource implements ModelCatalogSource {

    private UpstreamSnapshot snapshot = UpstreamSnapshot.of(List.of());
    private @Nullable RuntimeException failure;
    private int fetches;

    FakeCatalogSource answer(UpstreamSnapshot value) {
        this.snapshot = value;
        this.failure = null;
        return this;
    }

    FakeCatalogSource answer(List<UpstreamModel> models) {
        return answer(UpstreamSnapshot.of(models));
    }

    FakeCatalogSource answer(UpstreamModel... models) {
        return answer(List.of(models));
    }

    FakeCatalogSource fail(RuntimeException value) {
        this.failure = value;
        return this;
    }

    int fetches() {
        return fetches;
    }

    @Override
    public UpstreamSnapshot fetchCatalog() {
        fetches++;
        if (failure != null) {
            throw failure;
        }
        return snapshot;
    }
}
