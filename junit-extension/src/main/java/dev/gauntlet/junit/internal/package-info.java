/** The extension's workings; not API. */
package dev.gauntlet.junit.internal;
