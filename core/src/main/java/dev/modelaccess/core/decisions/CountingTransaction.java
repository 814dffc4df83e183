package dev.modelaccess.core.decisions;

import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.policy.RuleSet;
import dev.modelaccess.core.port.DecisionTransaction;
import dev.modelaccess.core.succession.SuccessionSnapshot;
import dev.modelaccess.core.succession.Successor;
import dev.modelaccess.core.succession.TierDefault;
import dev.modelaccess.core.sync.ModelEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A transaction that counts the rows written through it (a carry-over's moves of users and resources, written by the
 * host's references, are not counted).
 */
final class CountingTransaction implements DecisionTransaction {

    private final DecisionTransaction tx;
    private int rows;

    CountingTransaction(DecisionTransaction tx) {
        this.tx = tx;
    }

    int rows() {
        return rows;
    }

    @Override
    public List<ModelDecision> loadDecisions() {
        return tx.loadDecisions();
    }

    @Override
    public List<CatalogModel> lockModels(Collection<String> modelIds) {
        return tx.lockModels(modelIds);
    }

    @Override
    public void applyAdminUpdates(List<AdminUpdate> updates, Instant at) {
        tx.applyAdminUpdates(updates, at);
        rows += (int)
                updates.stream().filter(update -> !update.changesNothing()).count();
    }

    @Override
    public RuleSet loadRules() {
        return tx.loadRules();
    }

    @Override
    public void replaceRules(RuleSet rules) {
        int before = tx.loadRules().rules().size();
        tx.replaceRules(rules);
        rows += before + rules.rules().size();
    }

    @Override
    public Optional<CatalogModel> lockModel(String modelId) {
        return tx.lockModel(modelId);
    }

    @Override
    public SuccessionSnapshot loadSuccession() {
        return tx.loadSuccession();
    }

    @Override
    public void saveSuccessor(Successor successor) {
        tx.saveSuccessor(successor);
        rows++;
    }

    @Override
    public boolean deleteSuccessor(String modelId) {
        boolean deleted = tx.deleteSuccessor(modelId);
        rows += deleted ? 1 : 0;
        return deleted;
    }

    @Override
    public void markCarriedOver(String modelId, Instant at) {
        tx.markCarriedOver(modelId, at);
        rows++;
    }

    @Override
    public void saveTierDefault(TierDefault tierDefault) {
        tx.saveTierDefault(tierDefault);
        rows++;
    }

    @Override
    public boolean deleteTierDefault(Tier tier) {
        boolean deleted = tx.deleteTierDefault(tier);
        rows += deleted ? 1 : 0;
        return deleted;
    }

    @Override
    public void appendEvents(List<ModelEvent> events) {
        tx.appendEvents(events);
        rows += events.size();
    }
}
