@NullMarked
package dev.modelaccess.core.catalog;

import org.jspecify.annotations.NullMarked;
