package dev.modelaccess.web;

import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.port.UserProfile;
import dev.modelaccess.core.port.UserProfiles;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;

/**
 * What a host application brings for the auto-configuration tests: a store in memory, an empty catalog upstream,
 * profiles where everyone is pro, and nothing running in the background (no reloads, migrations, listening, syncs).
 */
public final class HostBeans {

    private HostBeans() {}

    public static <R extends AbstractApplicationContextRunner<R, ?, ?>> R on(R runner) {
        return runner.withBean(ModelAccessStore.class, InMemoryModelAccessStore::new)
                .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .withBean(UserProfiles.class, () -> new UserProfiles() {
                    @Override
                    public Optional<UserProfile> find(UUID userId) {
                        return Optional.of(new UserProfile(userId, Tier.PRO, null));
                    }

                    @Override
                    public void setDefaultModel(UUID userId, String modelId) {}
                })
                .withPropertyValues(
                        "modelaccess.catalog.rules-reload-interval=0s",
                        "modelaccess.schema.migrate=false",
                        "modelaccess.catalog.listen.enabled=false",
                        "modelaccess.sync.run-on-startup=never",
                        "modelaccess.sync.schedule.enabled=false");
    }
}
