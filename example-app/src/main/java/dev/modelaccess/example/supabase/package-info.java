/** The example app's Supabase flavor: row level security on its own tables, applied with the library's flavor. */
@NullMarked
package dev.modelaccess.example.supabase;

import org.jspecify.annotations.NullMarked;
