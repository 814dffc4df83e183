@NullMarked
package dev.modelaccess.core.access;

import org.jspecify.annotations.NullMarked;
