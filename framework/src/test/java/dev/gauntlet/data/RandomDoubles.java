package dev.gauntlet.data;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Doubles that exercise number formatting: any bit pattern, tiny, huge, subnormal, integral,
 * ratios.
 */
final class RandomDoubles {
  private RandomDoubles() {}

  /** One value; may be NaN (from a random bit pattern) or infinite. */
  static double next(UniformRandomProvider rng) {
    switch (rng.nextInt(8)) {
      case 0:
        return Double.longBitsToDouble(rng.nextLong());
      case 1:
        return Double.longBitsToDouble(rng.nextLong(1L << 52)) * (rng.nextBoolean() ? 1 : -1);
      case 2:
        return rng.nextDouble() * Math.pow(10, rng.nextInt(-330, 310));
      case 3:
        return -rng.nextDouble() * 1e-5;
      case 4:
        return Math.rint(rng.nextDouble() * Math.pow(10, rng.nextInt(0, 23)));
      case 5:
        return rng.nextInt(-1000, 1000) / 8.0;
      case 6:
        return (rng.nextDouble() - 0.5) * 1e7;
      default:
        return (rng.nextDouble() - 0.5) / (rng.nextDouble() + 1e-3);
    }
  }
}
