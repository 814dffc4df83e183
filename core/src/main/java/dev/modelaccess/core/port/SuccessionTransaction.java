package dev.modelaccess.core.port;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.succession.SuccessionSnapshot;
import dev.modelaccess.core.succession.Successor;
import dev.modelaccess.core.succession.TierDefault;
import dev.modelaccess.core.sync.ModelEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What can be done inside one {@link SuccessionStore#inSuccessionTransaction succession transaction}. */
public interface SuccessionTransaction {

    /** One catalog row, locked against concurrent writers until the transaction ends ({@code SELECT … FOR UPDATE}). */
    Optional<CatalogModel> lockModel(String modelId);

    /** Every successor and tier default, as this transaction sees them. */
    SuccessionSnapshot loadSuccession();

    /** Names (or renames) the successor of {@code successor.modelId()}; both models must be in the catalog. */
    void saveSuccessor(Successor successor);

    /** Removes the successor of the model; whether there was one. */
    boolean deleteSuccessor(String modelId);

    /** Records that users and resources were moved from the model now. */
    void markCarriedOver(String modelId, Instant at);

    /** Sets (or replaces) the default model of a tier; the model must be in the catalog. */
    void saveTierDefault(TierDefault tierDefault);

    /** Removes the default model of the tier; whether there was one. */
    boolean deleteTierDefault(Tier tier);

    void appendEvents(List<ModelEvent> events);
}
