package dev.modelaccess.testsupport.policy;

import dev.modelaccess.core.policy.CatalogRules;
import dev.modelaccess.core.policy.ReviewHolds;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import org.junit.jupiter.api.Nested;

class InMemoryPolicyStoresTest {

    @Nested
    class Rules extends CatalogRulesContract {
        @Override
        protected CatalogRules createRules() {
            return new InMemoryCatalogRules();
        }
    }

    @Nested
    class Holds extends ReviewHoldContract {
        private InMemoryModelAccessStore memory;

        @Override
        protected ModelAccessStore createStore() {
            memory = new InMemoryModelAccessStore();
            return memory;
        }

        @Override
        protected ReviewHolds holds() {
            return memory;
        }
    }
}
