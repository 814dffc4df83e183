/** Tests of core's catalog sync use case against the in-memory store (core's own tests cannot see it). */
@NullMarked
package dev.modelaccess.testsupport.sync;

import org.jspecify.annotations.NullMarked;
