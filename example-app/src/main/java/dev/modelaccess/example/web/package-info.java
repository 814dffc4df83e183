@NullMarked
package dev.modelaccess.example.web;

import org.jspecify.annotations.NullMarked;
