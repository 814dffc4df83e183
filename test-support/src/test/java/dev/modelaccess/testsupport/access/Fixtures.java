package dev.modelaccess.testsupport.access;

import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelFingerprint;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Pricing;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.TopProvider;
import dev.modelaccess.core.catalog.UpstreamModel;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Small builders for catalog values. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-08-14T03:00:00Z");

    private Fixtures() {}

    static UpstreamModel upstream(String id) {
        return upstream(id, "{\"id\":\"" + id + "\"}");
    }

    static UpstreamModel upstream(String id, String rawJson) {
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
                rawJson);
    }

    static CatalogModel row(String id, ModelStatus status, TierFlags tiers) {
        UpstreamModel upstream = upstream(id, "{\"id\":\"" + id + "\",\"stored\":true}");
        return new CatalogModel(
                UUID.nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                upstream,
                ModelFingerprint.of(upstream),
                status,
                status == ModelStatus.INACTIVE ? ModelStatus.ACTIVE : null,
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

    static CatalogModel active(String id, TierFlags tiers) {
        return row(id, ModelStatus.ACTIVE, tiers);
    }

    static TierFlags flags(boolean free, boolean pro, boolean enterprise) {
        return new TierFlags(free, pro, enterprise);
    }
}
