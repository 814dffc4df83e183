package dev.modelaccess.core.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * A notice routed to one channel: one outbox row.
 *
 * @param dueAt when it may first be sent (now, or the next digest for a notice bundled into the digest)
 */
public record OutboxEntry(Notice notice, Channel channel, Delivery delivery, Instant dueAt) {

    public OutboxEntry {
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
