package dev.gauntlet.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What gauntlet-junit brings onto a user's test class path, and what it must not. */
class ClassPathTest {
  @Test
  void noCliLibrary() {
    assertThatThrownBy(() -> Class.forName("picocli.CommandLine"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("me.tongfei.progressbar.ProgressBar"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void noLoggingBinding() throws Exception {
    // slf4j-api comes with the engine's JSON-schema libraries; a binding must not
    Class<?> provider = Class.forName("org.slf4j.spi.SLF4JServiceProvider");
    assertThat(ServiceLoader.load(provider).findFirst()).isEmpty();
  }
}
