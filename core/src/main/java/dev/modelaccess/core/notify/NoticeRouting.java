package dev.modelaccess.core.notify;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which channels get a notice, and when. Webhooks and Slack get every notice at once (machines and chat rooms
 * cope with one message per event); the email channel sends each kind either at once or in the daily digest, which
 * is due at {@code digestAt} in {@code zone}: every digest notice of a day is due at the same instant, so the
 * dispatcher sends them as one mail.
 *
 * @param channels the channels switched on; none means notices are not written at all
 * @param emailDelivery per kind, how the email channel sends it; a kind not named uses {@link
 *     NoticeKind#defaultDelivery()}
 */
public record NoticeRouting(
        Set<Channel> channels, Map<NoticeKind, Delivery> emailDelivery, LocalTime digestAt, ZoneId zone) {

    /** No channel: nothing is written. */
    public static final NoticeRouting NONE =
            new NoticeRouting(Set.of(), Map.of(), LocalTime.of(8, 0), ZoneId.of("UTC"));

    public NoticeRouting {
        channels = channels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
        emailDelivery = emailDelivery.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(emailDelivery));
        Objects.requireNonNull(digestAt, "digestAt");
        Objects.requireNonNull(zone, "zone");
    }

    public boolean isOff() {
        return channels.isEmpty();
    }

    public Delivery deliveryOf(NoticeKind kind) {
        return emailDelivery.getOrDefault(kind, kind.defaultDelivery());
    }

    /** One outbox entry per notice and channel, in the order of the notices, then of {@link Channel}. */
    public List<OutboxEntry> route(List<Notice> notices) {
        List<OutboxEntry> entries = new ArrayList<>(notices.size() * channels.size());
        for (Notice notice : notices) {
            for (Channel channel : Channel.values()) {
                if (!channels.contains(channel)) {
                    continue;
                }
                Delivery delivery = channel == Channel.EMAIL ? deliveryOf(notice.kind()) : Delivery.IMMEDIATE;
                Instant due = delivery == Delivery.DIGEST ? nextDigest(notice.at()) : notice.at();
                entries.add(new OutboxEntry(notice, channel, delivery, due));
            }
        }
        return entries;
    }

    /** The first digest time strictly after {@code at}. */
    public Instant nextDigest(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime today = local.toLocalDate().atTime(digestAt).atZone(zone);
        return (today.isAfter(local) ? today : today.plusDays(1)).toInstant();
    }
}
