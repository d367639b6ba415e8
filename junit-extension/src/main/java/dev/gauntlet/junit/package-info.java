/**
 * Gauntlet for JUnit Jupiter: {@link dev.gauntlet.junit.ScenarioTest} runs a scenario and invokes
 * the test once per variant and severity; {@link dev.gauntlet.junit.GauntletSeed} fixes its seed;
 * {@link dev.gauntlet.junit.assertions.GauntletAssertions} asserts on what was measured.
 */
package dev.gauntlet.junit;
