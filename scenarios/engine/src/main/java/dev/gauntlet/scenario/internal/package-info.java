/** The engine's internals: data loading, model opening, variant kinds, metric computation. */
package dev.gauntlet.scenario.internal;
