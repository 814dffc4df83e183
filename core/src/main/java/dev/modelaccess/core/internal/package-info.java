/**
 * Helpers core's own packages share. Not API: public only so that core's packages can reach them; hosts and
 * adapters must not use them, and they may change in any release.
 */
@NullMarked
package dev.modelaccess.core.internal;

import org.jspecify.annotations.NullMarked;
