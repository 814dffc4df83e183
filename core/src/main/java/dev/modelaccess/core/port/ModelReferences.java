package dev.modelaccess.core.port;

/**
 * Something of the host's that points at catalog models and can be pointed at another one: users' default models,
 * resources bound to a model. When a model retires and has a successor, {@link
 * dev.modelaccess.core.succession.Succession} repoints every reference to it.
 *
 * <p>{@link #repoint} is called inside the store transaction that records the move ({@link
 * SuccessionStore#inSuccessionTransaction}), on the calling thread, and must write through that same transaction,
 * so that the move is all or nothing: with Spring, a {@code DSLContext} or {@code JdbcTemplate} on the application's
 * transaction-aware data source joins it. A failure must be thrown, never swallowed: it rolls the whole move back.
 */
public interface ModelReferences {

    /** What is moved, as it appears in the move's event: e.g. {@code users} or {@code resources}. */
    String name();

    /**
     * Points every reference to {@code fromModelId} at {@code toModelId}.
     *
     * @return how many references were moved
     */
    long repoint(String fromModelId, String toModelId);
}
