@NullMarked
package dev.modelaccess.testsupport.memory;

import org.jspecify.annotations.NullMarked;
