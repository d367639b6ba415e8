/** Fluent assertions on scenario runs: {@link dev.gauntlet.junit.assertions.GauntletAssertions}. */
package dev.gauntlet.junit.assertions;
