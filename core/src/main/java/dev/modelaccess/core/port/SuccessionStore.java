package dev.modelaccess.core.port;

import dev.modelaccess.core.succession.SuccessionSnapshot;
import java.util.function.Function;

/** Where successors ({@code model_successors}) and tier defaults ({@code tier_defaults}) live. */
public interface SuccessionStore {

    /** Every successor and tier default, as committed now. */
    SuccessionSnapshot loadSuccession();

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (the exception is
     * rethrown, translated into a {@link dev.modelaccess.core.ModelAccessException} if it is not one).
     */
    <T> T inSuccessionTransaction(Function<? super SuccessionTransaction, ? extends T> work);
}
