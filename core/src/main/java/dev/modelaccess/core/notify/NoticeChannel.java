package dev.modelaccess.core.notify;

import java.util.List;

/** Sends notices somewhere: a webhook, a Slack channel, a mailbox. Knows nothing of retries or the outbox. */
public interface NoticeChannel {

    Channel channel();

    /**
     * Sends {@code notices} as one message: a single notice, or the day's digest (email only). Returns when the
     * receiver accepted it; must not hang (bounded timeouts).
     *
     * @throws DeliveryFailedException when the receiver refused it, could not be reached or did not answer in time
     */
    void send(List<ClaimedNotice> notices);
}
