package dev.gauntlet.generators.stat;

/**
 * {@code gaussian-copula}: fitted marginals joined by a Gaussian copula on normal scores, so
 * correlations and contingencies survive (categorical levels take intervals of the normal scale by
 * frequency, as in SDV; numeric pairs keep their Pearson correlation through NORTA).
 */
public final class GaussianCopulaProvider extends FittedProvider {
  public static final String NAME = "gaussian-copula";

  public GaussianCopulaProvider() {
    super(NAME, true);
  }

  @Override
  public String description() {
    return "each column from its fitted marginal (best of six families by KS, else empirical),"
        + " joined by a Gaussian copula";
  }
}
