/** Time for tests, moved by hand. */
@NullMarked
package dev.modelaccess.testsupport.time;

import org.jspecify.annotations.NullMarked;
