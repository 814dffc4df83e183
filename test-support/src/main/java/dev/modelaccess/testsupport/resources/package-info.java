/**
 * For {@link dev.modelaccess.core.resources.ResourceStore}: an in-memory implementation and the contract suite every
 * implementation passes.
 */
@NullMarked
package dev.modelaccess.testsupport.resources;

import org.jspecify.annotations.NullMarked;
