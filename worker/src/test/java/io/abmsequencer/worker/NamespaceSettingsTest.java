package io.abmsequencer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code spring.temporal.namespace} as the search-attribute registration reads it, checked at startup. */
class NamespaceSettingsTest {
  // Stubs that never connect: the registration only runs on a started application, not in this context.
  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withBean(WorkflowServiceStubs.class,
          () -> WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build()))
      .withUserConfiguration(SearchAttributesRegistration.class);

  @Test
  void aBlankNamespaceFailsStartupNamingTheProperty() {
    for (String blank : new String[] {"", " "}) {
      context
          .withPropertyValues("spring.temporal.namespace=" + blank)
          .run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                .hasMessageContaining("spring.temporal.namespace must be a namespace name");
          });
    }
  }

  @Test
  void theNamespaceIsDefaultUnlessSet() {
    context.run(started -> assertThat(started.getBean(NamespaceSettings.class).namespace()).isEqualTo("default"));
    context
        .withPropertyValues("spring.temporal.namespace=payments.a1b2c")
        .run(started -> assertThat(started.getBean(NamespaceSettings.class).namespace()).isEqualTo("payments.a1b2c"));
  }
}
