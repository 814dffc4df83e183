@NullMarked
package dev.modelaccess.core.sync;

import org.jspecify.annotations.NullMarked;
