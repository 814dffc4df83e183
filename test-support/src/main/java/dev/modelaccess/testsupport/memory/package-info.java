/**
 * An in-memory {@link dev.modelaccess.core.port.ModelAccessStore} for tests of code that uses the store, held to
 * the same contract suite as the PostgreSQL store.
 */
@NullMarked
package dev.modelaccess.testsupport.memory;

import org.jspecify.annotations.NullMarked;
