package dev.modelaccess.core.port;

import java.util.function.Function;

/**
 * Where every admin decision can be read and written in one transaction: models' status and tier flags, successors,
 * tier defaults and the catalog rules. What a catalog import needs to be all or nothing; the export reads through it
 * too, so that the file it writes is one consistent picture.
 */
public interface DecisionStore {

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (the exception is
     * rethrown, translated into a {@link dev.modelaccess.core.ModelAccessException} if it is not one).
     */
    <T> T inDecisionTransaction(Function<? super DecisionTransaction, ? extends T> work);

    /**
     * Runs {@code work} in one transaction that is rolled back however it ends: what it wrote is never seen by anyone
     * else and is gone afterwards. Answers what {@code work} returned, or rethrows what it threw (as {@link
     * #inDecisionTransaction}). A dry run goes through every write and check of the real thing this way.
     */
    <T> T inRolledBackTransaction(Function<? super DecisionTransaction, ? extends T> work);
}
