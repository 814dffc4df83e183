package dev.modelaccess.testsupport.memory;

import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.testsupport.contract.ModelAccessStoreContract;

class InMemoryModelAccessStoreTest extends ModelAccessStoreContract {

    @Override
    protected ModelAccessStore createStore() {
        return new InMemoryModelAccessStore();
    }
}
