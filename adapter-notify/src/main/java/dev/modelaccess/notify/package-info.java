/**
 * The notification outbox's HTTP channels, with {@code java.net.http}: Standard Webhooks and Slack. The one entry is
 * {@link HttpNoticeChannels}.
 */
@NullMarked
package dev.modelaccess.notify;

import org.jspecify.annotations.NullMarked;
