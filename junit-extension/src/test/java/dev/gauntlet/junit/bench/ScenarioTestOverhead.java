package dev.gauntlet.junit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.gauntlet.junit.GauntletSeed;
import dev.gauntlet.junit.ScenarioCase;
import dev.gauntlet.junit.ScenarioTest;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.report.ReportFiles;
import dev.gauntlet.scenario.report.RunInfo;
import dev.gauntlet.scenario.yaml.LoadedScenario;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Benchmark (not a test; bench/junit.sh runs it from the repository's root): the time of an example
 * scenario run as a {@code @ScenarioTest} through JUnit against the same scenario run through the
 * engine directly (read, run, reports written), both as a plain {@code @Test} through JUnit (what
 * the extension adds over a test that calls the engine itself) and as a bare call (what JUnit and
 * the extension add together), alternating in one JVM after warm-up rounds, and the ratios of their
 * medians.
 */
public final class ScenarioTestOverhead {
  static final String SCENARIO = "examples/scenarios/churn-world.yaml";

  /** The scenario as a user's test runs it, with an empty body: what the extension adds. */
  public static final class Fixture {
    @ScenarioTest(SCENARIO)
    @GauntletSeed(7)
    void scenario(ScenarioCase c) {}
  }

  /** The same scenario in a plain test that calls the engine itself. */
  public static final class PlainFixture {
    @org.junit.jupiter.api.Test
    void scenario() throws java.io.IOException {
      direct(Files.createTempDirectory("gauntlet-bench-plain"));
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path out = Files.createTempDirectory("gauntlet-bench");
    List<Double> direct = new ArrayList<>();
    List<Double> plain = new ArrayList<>();
    List<Double> extension = new ArrayList<>();
    int warmUp = Math.max(1, rounds / 2); // the JIT still speeds both sides up for several rounds
    for (int i = 0; i < warmUp + rounds; i++) {
      double d = direct(out);
      double p = throughJunit(PlainFixture.class);
      double e = throughJunit(Fixture.class);
      if (i >= warmUp) {
        direct.add(d);
        plain.add(p);
        extension.add(e);
      }
    }
    double md = median(direct);
    double mp = median(plain);
    double me = median(extension);
    System.out.printf(
        "scenario: %s, rounds: %d (after %d warm-up rounds)%n", SCENARIO, rounds, warmUp);
    System.out.printf("engine directly:        %s%n", seconds(direct));
    System.out.printf("plain @Test, the same:  %s%n", seconds(plain));
    System.out.printf("as @ScenarioTest:       %s%n", seconds(extension));
    System.out.printf(
        "median %.3f s against a plain test's %.3f s: the extension adds %.1f %% (target: under"
            + " 10 %%)%n",
        me, mp, 100 * (me / mp - 1));
    System.out.printf(
        "against the bare engine call's %.3f s, JUnit and the extension together add %.1f %%%n",
        md, 100 * (me / md - 1));
  }

  static double direct(Path out) {
    long t = System.nanoTime();
    LoadedScenario loaded = ScenarioFiles.read(Path.of(SCENARIO));
    ScenarioResult result =
        ScenarioRunner.withDefaults()
            .withSource(loaded.document().file())
            .withPlacer(loaded::placed)
            .run(loaded.spec().withSeed(7), loaded.folder());
    ReportFiles.write(result, new RunInfo("-", "churn-world.yaml", 1), out, List.of());
    return (System.nanoTime() - t) / 1e9;
  }

  private static double throughJunit(Class<?> fixture) {
    long t = System.nanoTime();
    long ok =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(fixture))
            .execute()
            .testEvents()
            .succeeded()
            .count();
    if (ok == 0) {
      throw new IllegalStateException("the scenario test did not run");
    }
    return (System.nanoTime() - t) / 1e9;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String seconds(List<Double> values) {
    return String.join(", ", values.stream().map(v -> String.format("%.3f s", v)).toList());
  }
}
