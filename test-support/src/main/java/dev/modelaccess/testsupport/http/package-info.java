/** Real HTTP receivers on loopback, for the notification channels' tests. */
@NullMarked
package dev.modelaccess.testsupport.http;

import org.jspecify.annotations.NullMarked;
