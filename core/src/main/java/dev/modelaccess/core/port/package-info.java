@NullMarked
package dev.modelaccess.core.port;

import org.jspecify.annotations.NullMarked;
