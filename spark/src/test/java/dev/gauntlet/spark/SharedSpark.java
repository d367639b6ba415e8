package dev.gauntlet.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark for every test class of the module (they run in one JVM): starting Spark takes
 * seconds, a test a fraction of that. Two cores as the issue asks, few shuffle partitions (the test
 * tables are small), no UI, and only this machine's loopback.
 */
final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .appName("gauntlet-spark-tests")
              .master("local[2]")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.default.parallelism", "4")
              .config("spark.ui.enabled", "false")
              .config("spark.ui.showConsoleProgress", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
