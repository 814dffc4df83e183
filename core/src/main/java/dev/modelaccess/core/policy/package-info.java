/**
 * The admin's catalog policy: ordered {@link dev.modelaccess.core.policy.CatalogRule rules} that decide the models a
 * sync adds, their preview, and price changes held for review.
 */
@NullMarked
package dev.modelaccess.core.policy;

import org.jspecify.annotations.NullMarked;
