/** Access to the real OpenRouter responses kept beside the checkout, for replay tests. */
@NullMarked
package dev.modelaccess.testsupport.data;

import org.jspecify.annotations.NullMarked;
