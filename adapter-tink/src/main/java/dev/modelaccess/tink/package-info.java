/**
 * A {@link dev.modelaccess.core.keys.SecretCipher} on Google Tink's AEAD (AES-256-GCM): {@link
 * dev.modelaccess.tink.TinkSecretCipher}.
 */
@NullMarked
package dev.modelaccess.tink;

import org.jspecify.annotations.NullMarked;
