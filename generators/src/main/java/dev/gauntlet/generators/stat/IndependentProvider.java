package dev.gauntlet.generators.stat;

/** {@code independent}: each column from its own fitted marginal, ignoring the others. */
public final class IndependentProvider extends FittedProvider {
  public static final String NAME = "independent";

  public IndependentProvider() {
    super(NAME, false);
  }

  @Override
  public String description() {
    return "each column from its fitted marginal (best of six families by KS, else empirical),"
        + " columns independent";
  }
}
