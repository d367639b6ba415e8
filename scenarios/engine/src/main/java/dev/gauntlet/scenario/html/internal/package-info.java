/** Internals of the HTML report (its charts); not API. */
package dev.gauntlet.scenario.html.internal;
