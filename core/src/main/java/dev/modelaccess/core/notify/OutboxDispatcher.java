package dev.modelaccess.core.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox, once per entry, however many instances run a dispatcher on the same database.
 *
 * <ol>
 *   <li>Claim: in one short transaction, up to {@code batchSize} due entries of a channel are locked with {@code
 *       FOR UPDATE SKIP LOCKED} and leased to this claim ({@link NoticeOutbox#claim}). Another dispatcher skips them
 *       while the claim's transaction runs and ignores them while the lease lasts; nothing is held open while
 *       sending.
 *   <li>Send, outside any transaction: each immediate entry as its own message; the email channel's digest entries
 *       due at the same instant (one day's digest) as one message.
 *   <li>Record, in short transactions: a failed message at once, with the next attempt chosen by the {@link
 *       RetryPolicy} (a dead letter once its window is over); the batch's delivered messages together when the batch
 *       ends. Every attempt is kept.
 * </ol>
 *
 * <p>The lease must outlast a batch's sends (bounded by the channels' timeouts): a dispatcher that dies mid-batch
 * leaves its entries to be claimed again when the lease ends, so a receiver may then see a notice twice; it
 * recognises it by its {@code webhook-id}. A channel that throws is recorded as a failed attempt; nothing here
 * throws for a delivery failure.
 */
public final class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int MAX_ERROR = 1000;

    /** What one pass did. */
    public record Pass(int delivered, int failed, int dead) {

        public static final Pass NONE = new Pass(0, 0, 0);

        Pass plus(Pass other) {
            return new Pass(delivered + other.delivered, failed + other.failed, dead + other.dead);
        }

        public int claimed() {
            return delivered + failed + dead;
        }
    }

    private final NoticeOutbox outbox;
    private final List<NoticeChannel> channels;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Duration lease;
    private final int batchSize;
    private final Supplier<UUID> claims;

    public OutboxDispatcher(
            NoticeOutbox outbox,
            List<? extends NoticeChannel> channels,
            RetryPolicy retry,
            Clock clock,
            Duration lease,
            int batchSize) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.channels = List.copyOf(channels);
        this.retry = Objects.requireNonNull(retry, "retry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.batchSize = batchSize;
        this.claims = UUID::randomUUID;
    }

    /** Claims and sends one batch per channel. */
    public Pass dispatchOnce() {
        Pass pass = Pass.NONE;
        for (NoticeChannel channel : channels) {
            pass = pass.plus(dispatch(channel));
        }
        return pass;
    }

    /** Passes until nothing due is left (or {@code maxPasses} passes), e.g. on a schedule. */
    public Pass drain(int maxPasses) {
        Pass total = Pass.NONE;
        for (int i = 0; i < maxPasses; i++) {
            Pass pass = dispatchOnce();
            total = total.plus(pass);
            if (pass.claimed() == 0) {
                break;
            }
        }
        return total;
    }

    /**
     * Successes of a batch are recorded together when the batch ends (one transaction, not one per message);
     * failures at once, each with its own next attempt.
     */
    private Pass dispatch(NoticeChannel channel) {
        UUID claim = claims.get();
        List<ClaimedNotice> claimed = outbox.claim(channel.channel(), clock.instant(), lease, batchSize, claim);
        Pass pass = Pass.NONE;
        Map<UUID, Duration> delivered = new LinkedHashMap<>();
        try {
            for (List<ClaimedNotice> message : messages(claimed)) {
                pass = pass.plus(send(channel, message, claim, delivered));
            }
        } finally {
            recordDelivered(channel, delivered, claim);
        }
        return pass;
    }

    private void recordDelivered(NoticeChannel channel, Map<UUID, Duration> delivered, UUID claim) {
        if (delivered.isEmpty()) {
            return;
        }
        int marked = outbox.delivered(delivered, claim, clock.instant());
        if (marked != delivered.size()) {
            log.warn(
                    "Delivered {} {} notice(s) but the lease of {} ended first; they may be delivered again",
                    delivered.size() - marked,
                    channel.channel().dbValue(),
                    delivered.size());
        }
    }

    /** Immediate entries one by one; digest entries due at the same instant together. */
    static List<List<ClaimedNotice>> messages(List<ClaimedNotice> claimed) {
        List<List<ClaimedNotice>> messages = new ArrayList<>();
        Map<Instant, List<ClaimedNotice>> digests = new LinkedHashMap<>();
        for (ClaimedNotice notice : claimed) {
            if (notice.delivery() == Delivery.DIGEST) {
                digests.computeIfAbsent(notice.dueAt(), due -> new ArrayList<>())
                        .add(notice);
            } else {
                messages.add(List.of(notice));
            }
        }
        messages.addAll(digests.values());
        return messages;
    }

    private Pass send(NoticeChannel channel, List<ClaimedNotice> message, UUID claim, Map<UUID, Duration> delivered) {
        List<UUID> ids = message.stream().map(ClaimedNotice::entryId).toList();
        long startNanos = System.nanoTime();
        try {
            channel.send(message);
        } catch (RuntimeException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            Instant at = clock.instant();
            ClaimedNotice first = message.getFirst();
            Optional<Instant> retryAt = retry.next(first.firstDueAt(), first.attempts() + 1, at);
            String error = errorText(e);
            outbox.failed(ids, claim, at, took, error, retryAt);
            if (retryAt.isPresent()) {
                log.info(
                        "Could not deliver {} {} notice(s) ({}), attempt {}: {}; next attempt at {}",
                        message.size(),
                        channel.channel().dbValue(),
                        first.kind().type(),
                        first.attempts() + 1,
                        error,
                        retryAt.get());
                return new Pass(0, message.size(), 0);
            }
            log.warn(
                    "Gave up delivering {} {} notice(s) ({}) after {} attempts: {}; resend them from the console",
                    message.size(),
                    channel.channel().dbValue(),
                    first.kind().type(),
                    first.attempts() + 1,
                    error);
            return new Pass(0, 0, message.size());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        ids.forEach(id -> delivered.put(id, took));
        return new Pass(message.size(), 0, 0);
    }

    private static String errorText(RuntimeException e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getName() : message;
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }
}
