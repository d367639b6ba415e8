package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The copula's correlation repair and Cholesky factor against numpy ({@code fitting_reference.py}:
 * eigh, eigenvalues raised to 1e-6, unit diagonal; linalg.cholesky). Both sides decompose 3 x 3 and
 * 4 x 4 matrices in double precision, agreeing to about 1e-15; 1e-10 leaves room for the different
 * eigenvectors two libraries choose in a repeated eigenvalue's plane (the reconstruction does not
 * depend on them), while a clipped eigenvalue left negative or a skipped rescaling moves entries by
 * 0.1 or more.
 */
class CorrelationReferenceTest {

  static double[][] matrix(JsonNode rows) {
    double[][] m = new double[rows.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = new double[rows.get(i).size()];
      for (int j = 0; j < m[i].length; j++) {
        JsonNode v = rows.get(i).get(j);
        m[i][j] = v.isNull() ? Double.NaN : v.asDouble();
      }
    }
    return m;
  }

  static void assertClose(double[][] got, double[][] want, String what) {
    assertThat(got.length).isEqualTo(want.length);
    for (int i = 0; i < want.length; i++) {
      for (int j = 0; j < want.length; j++) {
        assertThat(got[i][j]).as("%s (%d, %d)", what, i, j).isCloseTo(want[i][j], within(1e-10));
      }
    }
  }

  @Test
  void repairAndCholeskyAreNumpys() throws IOException {
    for (JsonNode c : FittingReferenceTest.reference().get("correlations")) {
      String name = c.get("name").asText();
      double[][] repaired = Correlation.repair(matrix(c.get("input")));
      assertClose(repaired, matrix(c.get("repaired")), name + " repaired");
      assertClose(Correlation.cholesky(repaired), matrix(c.get("cholesky")), name + " cholesky");
    }
  }

  @Test
  void choleskyRefusesWhatIsNoCorrelationMatrix() {
    assertThatThrownBy(() -> Correlation.cholesky(new double[][] {{1, 0}, {0}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the correlation matrix is not square");
    assertThatThrownBy(() -> Correlation.cholesky(new double[][] {{1, 0.5}, {0.4, 1}}))
        .hasMessage("the correlation matrix is not symmetric at (1, 0)");
    // within 1e-9 counts as symmetric (rounding in a saved file)
    assertThat(Correlation.cholesky(new double[][] {{1, 0.5}, {0.5 + 5e-10, 1}})[1][0])
        .isCloseTo(0.5 + 5e-10, within(1e-15));
    assertThatThrownBy(() -> Correlation.cholesky(new double[][] {{1, 1}, {1, 1}}))
        .hasMessage("the correlation matrix is not positive definite (pivot 0.0 at column 1)");
  }
}
