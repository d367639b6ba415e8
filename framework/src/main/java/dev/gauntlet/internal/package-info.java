/** Helpers for Gauntlet's own modules; not part of the public API and free to change. */
package dev.gauntlet.internal;
