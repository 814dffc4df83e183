/**
 * Telling the admin: notices written to an outbox in the same transaction as the change they report, and a
 * dispatcher that delivers each of them once per channel (webhook, Slack, email), with retries and dead letters.
 *
 * <p>The algorithm lives here ({@link OutboxDispatcher}, {@link RetryPolicy}, {@link NoticeRouting}); the store
 * ({@link NoticeOutbox}) only claims and records, and a channel ({@link NoticeChannel}) only sends.
 */
@NullMarked
package dev.modelaccess.core.notify;

import org.jspecify.annotations.NullMarked;
