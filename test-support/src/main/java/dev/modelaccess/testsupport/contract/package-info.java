/**
 * Contract suites: the behaviour every implementation of a port must have, written against the port only. An
 * implementation's test extends the suite and says how to create the implementation.
 */
@NullMarked
package dev.modelaccess.testsupport.contract;

import org.jspecify.annotations.NullMarked;
