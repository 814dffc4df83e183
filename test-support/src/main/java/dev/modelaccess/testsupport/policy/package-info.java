/** The catalog policy's stores in memory, and the contract suites every implementation passes. */
@NullMarked
package dev.modelaccess.testsupport.policy;

import org.jspecify.annotations.NullMarked;
