/**
 * Test support for users' OpenRouter keys: {@link dev.modelaccess.testsupport.keys.UserKeyStoreContract}, the
 * behaviour every {@link dev.modelaccess.core.keys.UserKeyStore} shares, and {@link
 * dev.modelaccess.testsupport.keys.InMemoryUserKeyStore}, a fake that passes it.
 */
@NullMarked
package dev.modelaccess.testsupport.keys;

import org.jspecify.annotations.NullMarked;
