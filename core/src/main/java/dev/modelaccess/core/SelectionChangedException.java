package dev.modelaccess.core;

/**
 * A review of every model matching a filter was confirmed for one number of models, and the filter matches another
 * now (a sync or another admin changed the catalog in between): nothing was written; count again and confirm.
 */
public final class SelectionChangedException extends ModelAccessException {

    private final long confirmed;
    private final long matching;

    public SelectionChangedException(long confirmed, long matching) {
        super("The filter matches " + matching + " models now, not the " + confirmed
                + " confirmed: nothing was changed; confirm the new count");
        this.confirmed = confirmed;
        this.matching = matching;
    }

    /** The count the admin confirmed. */
    public long confirmed() {
        return confirmed;
    }

    /** The count when the review ran. */
    public long matching() {
        return matching;
    }
}
