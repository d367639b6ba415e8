package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.scenario.spec.DataSpec;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.spi.ModelCapability;
import dev.gauntlet.spi.ModelHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** ScenarioRunner.withModel runs the caller's model; RunListener.split hands over the rows. */
class SuppliedModelTest {
  private static final Path WORLDS = Path.of("../../examples/worlds");

  /** Says "leave" for every row, with certainty. */
  private static final class AlwaysLeave implements Classifier {
    @Override
    public List<String> classes() {
      return List.of("leave", "stay");
    }

    @Override
    public ClassProbabilities predictProba(Table table) {
      double[] p = new double[table.rowCount() * 2];
      for (int i = 0; i < table.rowCount(); i++) {
        p[2 * i] = 1;
      }
      return ClassProbabilities.of(classes(), table.rowCount(), p);
    }
  }

  @Test
  void theSuppliedModelIsMeasuredOnTheRowsTheListenerIsGiven() {
    ScenarioSpec spec =
        ScenarioSpec.builder()
            .seed(4)
            .data(DataSpec.worldFile("customers.json", 300))
            .metrics("accuracy")
            .bootstrap(0)
            .build();
    AtomicReference<Table> test = new AtomicReference<>();
    AtomicReference<Table> train = new AtomicReference<>();
    ScenarioResult result =
        ScenarioRunner.withDefaults()
            .withModel(ModelHandle.fixed(new AlwaysLeave(), ModelCapability.PROBABILITIES), "leave")
            .withThreads(2) // the model survives another setting
            .withListener(
                new RunListener() {
                  @Override
                  public void split(Table trainRows, Table testRows) {
                    train.set(trainRows);
                    test.set(testRows);
                  }
                })
            .run(spec, WORLDS);

    assertThat(result.model()).isEqualTo("leave");
    assertThat(train.get().rowCount()).isEqualTo(result.trainRows());
    assertThat(test.get().rowCount()).isEqualTo(result.testRows());
    CategoricalColumn churn = test.get().categorical("churn");
    long leavers = 0;
    for (int i = 0; i < churn.size(); i++) {
      leavers += "leave".equals(churn.level(i)) ? 1 : 0;
    }
    // a model that always says leave is right exactly on the leavers
    assertThat(result.clean().metrics().get("accuracy").value())
        .isEqualTo((double) leavers / churn.size());
    assertThat(leavers).isPositive().isLessThan(churn.size());
  }
}
