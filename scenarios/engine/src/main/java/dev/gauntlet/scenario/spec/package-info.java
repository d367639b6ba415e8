/**
 * The scenario spec: immutable records a YAML file binds into (through Jackson) and a Java {@link
 * dev.gauntlet.scenario.spec.ScenarioSpec.Builder} creates. Each record's components are its YAML
 * keys; a component left out takes the default its record documents. Records check what they can
 * alone (a fraction within (0, 1), one data source); what needs the data (a column's existence, a
 * model's capabilities) is checked by the engine before anything runs.
 */
package dev.gauntlet.scenario.spec;
