/**
 * Where users go when their model goes: successors that carry users' defaults and the host's resources over to
 * another model, and a default model per tier. {@link dev.modelaccess.core.succession.Succession} decides and
 * writes, {@link dev.modelaccess.core.succession.SuccessionCache} keeps what the dropdown needs in memory.
 */
@NullMarked
package dev.modelaccess.core.succession;

import org.jspecify.annotations.NullMarked;
