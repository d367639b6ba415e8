/**
 * Gauntlet for JUnit Jupiter: {@link dev.gauntlet.junit.ScenarioTest} runs a scenario (a file, or a
 * spec built in Java) and invokes the test once per variant and severity; {@link
 * dev.gauntlet.junit.SyntheticTable} and {@link dev.gauntlet.junit.WorldTable} inject rows without
 * a scenario; {@link dev.gauntlet.junit.PerturbationSweep} invokes a test once per severity of a
 * perturbation; {@link dev.gauntlet.junit.GauntletSeed} fixes the seed; {@link
 * dev.gauntlet.junit.assertions.GauntletAssertions} asserts on what was measured.
 */
package dev.gauntlet.junit;
