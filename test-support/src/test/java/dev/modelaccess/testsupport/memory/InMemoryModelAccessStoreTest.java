package dev.modelaccess.testsupport.memory;

import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.testsupport.contract.AdminUpdateContract;
import dev.modelaccess.testsupport.contract.CatalogRoundTripContract;
import dev.modelaccess.testsupport.contract.CatalogSearchContract;
import dev.modelaccess.testsupport.contract.RunsAndEventsContract;
import dev.modelaccess.testsupport.contract.StoreTransactionContract;
import dev.modelaccess.testsupport.contract.SyncApplyContract;
import org.junit.jupiter.api.Nested;

/** The in-memory store holds to every part of the store contract. */
class InMemoryModelAccessStoreTest {

    @Nested
    class CatalogRoundTrip extends CatalogRoundTripContract {
        @Override
        protected ModelAccessStore createStore() {
            return new InMemoryModelAccessStore();
        }
    }

    @Nested
    class CatalogSearch extends CatalogSearchContract {
        @Override
        protected ModelAccessStore createStore() {
            return new InMemoryModelAccessStore();
        }
    }

    @Nested
    class SyncApply extends SyncApplyContract {
        @Override
        protected ModelAccessStore createStore() {
            return new InMemoryModelAccessStore();
        }
    }

    @Nested
    class AdminUpdate extends AdminUpdateContract {
        @Override
        protected ModelAccessStore createStore() {
            return new InMemoryModelAccessStore();
        }
    }

    @Nested
    class StoreTransaction extends StoreTransactionContract {
        @Override
        protected ModelAccessStore createStore() {
            return new InMemoryModelAccessStore();
        }
    }

    @Nested
    class RunsAndEvents extends RunsAndEventsContract {
        @Override
        protected ModelAccessStore createStore() {
            return new InMemoryModelAccessStore();
        }
    }
}
