@NullMarked
package dev.modelaccess.example.security;

import org.jspecify.annotations.NullMarked;
