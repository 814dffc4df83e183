@NullMarked
package dev.modelaccess.example.demo;

import org.jspecify.annotations.NullMarked;
