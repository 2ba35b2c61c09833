package io.abmsequencer.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.digest.DigestSettings;
import io.abmsequencer.starter.launch.LaunchSettings;
import io.abmsequencer.starter.sequence.TaskQueueSettings;
import io.abmsequencer.starter.system.TemporalUiSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A bad setting of the starter stops the start and names the property; the defaults are the documented ones. */
class SettingsAtStartupTest {

  @Configuration
  @EnableConfigurationProperties({WebSettings.class, LaunchSettings.class, DigestSettings.class, TemporalUiSettings.class, TaskQueueSettings.class})
  static class Settings {}

  final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(WebSettings.class).maxBodySize().toMegabytes()).isEqualTo(64);
      assertThat(context.getBean(WebSettings.class).maxJsonBodySize().toMegabytes()).isEqualTo(1);
      assertThat(context.getBean(LaunchSettings.class).threads()).isEqualTo(8);
      assertThat(context.getBean(DigestSettings.class).enabled()).isTrue();
      assertThat(context.getBean(TemporalUiSettings.class).baseUrl()).isEqualTo("http://localhost:8233");
      assertThat(context.getBean(TaskQueueSettings.class).taskQueue()).isEqualTo("abm-sequences");
    });
  }

  @Test
  void eachBadValueStopsTheStartNamingItsProperty() {
    failsNaming("abm.web.max-body-size=0MB", "abm.web.max-body-size");
    failsNaming("abm.web.max-json-body-size=-1KB", "abm.web.max-json-body-size");
    failsNaming("abm.launch.threads=0", "abm.launch.threads");
    failsNaming("abm.launch.threads=500", "abm.launch.threads");
    failsNaming("abm.temporal-ui.base-url=localhost:8233", "abm.temporal-ui.base-url");
    failsNaming("abm.task-queue= ", "abm.task-queue");
  }

  private void failsNaming(String setting, String property) {
    runner.withPropertyValues(setting).run(context -> {
      assertThat(context).as(setting).hasFailed();
      Throwable root = context.getStartupFailure();
      while (root.getCause() != null) root = root.getCause();
      assertThat(root).as(setting).hasMessageContaining(property);
    });
  }
}
