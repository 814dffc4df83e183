package dev.modelaccess.testsupport.keys;

import dev.modelaccess.core.keys.UserKeyStore;

class InMemoryUserKeyStoreTest extends UserKeyStoreContract {

    private final InMemoryUserKeyStore store = new InMemoryUserKeyStore();

    @Override
    protected UserKeyStore store() {
        return store;
    }
}
