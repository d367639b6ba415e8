package dev.gauntlet.random;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.SplitMix64;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The root of every random choice Gauntlet makes. There is one derivation rule: the stream for
 * (seed, purpose, index) is seeded by passing the root value, a 64-bit hash of the purpose and the
 * index through SplitMix64's bijective mixer in turn. So two different indices (or purposes) under
 * the same root never share a derived seed, and batch {@code i} of a generator draws from {@code
 * seed.derive("batch", i)} whatever thread happens to produce it.
 *
 * <p>Generators are {@code XO_SHI_RO_256_PP} from Commons RNG, their 256-bit state filled from a
 * SplitMix64 sequence started at the seed value (the seeding Commons RNG itself recommends).
 *
 * @param value the 64-bit seed value a user writes down to reproduce a run
 */
public record Seed(long value) {

  public static Seed of(long value) {
    return new Seed(value);
  }

  /** The seed of the stream for (this seed, purpose, index). */
  public Seed derive(String purpose, long index) {
    Objects.requireNonNull(purpose, "purpose");
    long h = mix(value);
    h = mix(h ^ fnv1a64(purpose));
    h = mix(h ^ index);
    return new Seed(h);
  }

  /** The seed of the stream for (this seed, purpose), index 0. */
  public Seed derive(String purpose) {
    return derive(purpose, 0);
  }

  /** A new generator positioned at the start of this seed's stream. */
  public UniformRandomProvider rng() {
    SplitMix64 seeder = new SplitMix64(value);
    long[] state = new long[4];
    for (int i = 0; i < state.length; i++) {
      state[i] = seeder.nextLong();
    }
    return RandomSource.XO_SHI_RO_256_PP.create(state);
  }

  /** The generator of {@code derive(purpose, index)}. */
  public UniformRandomProvider rng(String purpose, long index) {
    return derive(purpose, index).rng();
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }

  private static long mix(long x) {
    // SplitMix64's output function is a bijection of its input: distinct inputs, distinct outputs.
    return new SplitMix64(x).nextLong();
  }

  private static long fnv1a64(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
