/**
 * Scenarios: a spec (from YAML or a Java builder) that says what data to make, which model to test,
 * which variants to put it through and what to expect; the engine that runs it; and the result it
 * reports. Usable without the CLI's libraries.
 */
package dev.gauntlet.scenario;
