package dev.modelaccess.testsupport.resources;

import dev.modelaccess.core.resources.ResourceStore;
import java.util.UUID;

class InMemoryResourceStoreTest extends ResourceStoreContract {

    private final InMemoryResourceStore store = new InMemoryResourceStore();

    @Override
    protected ResourceStore store() {
        return store;
    }

    @Override
    protected UUID catalogRow(String modelId) {
        return UUID.randomUUID();
    }

    @Override
    protected void deleteCatalogRow(UUID id) {
        store.catalogRowDeleted(id);
    }
}
