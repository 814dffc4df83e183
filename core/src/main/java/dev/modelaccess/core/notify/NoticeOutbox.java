package dev.modelaccess.core.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where notices wait for delivery. Entries are written by {@link
 * dev.modelaccess.core.port.StoreTransaction#enqueueNotices} in the transaction of the change they report; this port
 * is the dispatcher's and the console's side. Each method is one short transaction (no session state is kept
 * between calls, so a transaction-mode pooler is fine).
 */
public interface NoticeOutbox {

    /**
     * Claims up to {@code limit} pending entries of {@code channel} due at {@code now}, oldest due first, for {@code
     * lease}: rows another transaction is claiming are skipped ({@code FOR UPDATE SKIP LOCKED}) and a claimed row is
     * not claimed again before its lease ends, so two dispatchers never hold the same entry.
     */
    List<ClaimedNotice> claim(Channel channel, Instant now, Duration lease, int limit, UUID claim);

    /**
     * Records successful attempts on entries of claim {@code claim}: delivered, each with how long its send took, in
     * one short transaction. Returns how many were marked (an entry whose lease another claim took over is not).
     */
    int delivered(Map<UUID, Duration> took, UUID claim, Instant at);

    /**
     * Records a failed attempt on entries of claim {@code claim}: pending again, due at {@code retryAt}, or a dead
     * letter when {@code retryAt} is empty.
     */
    int failed(List<UUID> entryIds, UUID claim, Instant at, Duration took, String error, Optional<Instant> retryAt);

    /**
     * Makes an entry (a dead letter, or any other) pending again, due at {@code at}, with a fresh retry window.
     *
     * @return whether the entry exists
     */
    boolean resend(UUID entryId, Instant at);

    /** The latest entries, newest first, optionally of one status. */
    List<OutboxRecord> recent(Optional<OutboxStatus> status, int limit);

    /** One entry, or empty when there is none with that id. */
    Optional<OutboxRecord> entry(UUID entryId);

    /** The attempts of one entry, oldest first. */
    List<DeliveryAttempt> attempts(UUID entryId);
}
