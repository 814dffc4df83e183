@NullMarked
package dev.modelaccess.core;

import org.jspecify.annotations.NullMarked;
