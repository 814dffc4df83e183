/**
 * The catalog as code: every admin decision (models' status, tier flags and successors, the catalog rules, the tier
 * defaults) as one value that can be exported, kept in Git, compared and imported again. {@link
 * dev.modelaccess.core.decisions.CatalogAsCode} reads and writes it through the existing decision paths; the file
 * format (YAML or JSON) belongs to the web adapter.
 */
@NullMarked
package dev.modelaccess.core.decisions;

import org.jspecify.annotations.NullMarked;
