/**
 * The HTML report: report.html of a scenario run and the page of {@code gauntlet compare --html}.
 */
package dev.gauntlet.scenario.html;
