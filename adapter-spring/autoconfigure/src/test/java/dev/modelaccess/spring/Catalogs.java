package dev.modelaccess.spring;

import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelFingerprint;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Pricing;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.TopProvider;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.SyncCounts;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Small builders for catalog values in the starter's tests. */
final class Catalogs {

    static final Instant T0 = Instant.parse("2026-08-14T03:00:00Z");

    private Catalogs() {}

    static UpstreamModel upstream(String id) {
        return new UpstreamModel(
                id,
                id,
                "Name of " + id,
                null,
                T0,
                8192L,
                Architecture.UNKNOWN,
                TopProvider.UNKNOWN,
                List.of(),
                null,
                null,
                null,
                Pricing.NONE,
                "{\"id\":\"" + id + "\"}");
    }

    static CatalogModel row(String id, ModelStatus status, TierFlags tiers) {
        UpstreamModel upstream = upstream(id);
        return new CatalogModel(
                UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)),
                upstream,
                ModelFingerprint.of(upstream),
                status,
                null,
                tiers,
                T0,
                T0,
                null,
                T0,
                null,
                null,
                T0,
                T0);
    }

    static SyncRun run(SyncRunStatus status, Instant finishedAt) {
        return new SyncRun(
                UUID.randomUUID(),
                SyncTrigger.SCHEDULE,
                status,
                finishedAt.minus(Duration.ofSeconds(3)),
                finishedAt,
                SyncCounts.ZERO,
                status == SyncRunStatus.SUCCEEDED ? null : "because");
    }
}
