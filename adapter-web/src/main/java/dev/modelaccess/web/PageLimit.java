package dev.modelaccess.web;

/**
 * The page size of every list route: {@code limit} from 1 to {@value #MAX}. A larger one is refused (422, naming the
 * maximum) rather than clamped, so that a client never mistakes a short page for the end of the list.
 */
public final class PageLimit {

    /** The largest page any list route answers. */
    public static final int MAX = 100;

    private PageLimit() {}

    /** {@code limit} when it is 1 to {@value #MAX}; else an {@link InvalidRequestException}. */
    public static int check(int limit) {
        if (limit < 1 || limit > MAX) {
            throw new InvalidRequestException("limit must be between 1 and " + MAX + ", was " + limit);
        }
        return limit;
    }
}
