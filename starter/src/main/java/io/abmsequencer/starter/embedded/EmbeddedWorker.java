package io.abmsequencer.starter.embedded;

import io.abmsequencer.worker.ActivitiesConfiguration;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The worker's activities in the starter's process, only where embedded mode hosts the worker: when
 * {@link EmbeddedInfrastructure} runs Temporal itself and has added the worker's settings ({@code
 * abm.embedded.worker-config}, the worker's own {@code abm-worker.yaml}). In production mode the
 * starter is a Temporal client only: no activity bean, no send path, no worker; the worker app polls.
 *
 * <p>Imported by the starter application, not component-scanned (no {@code @Configuration}), so that
 * small test apps of this package do not pull in the activities.
 */
@Conditional(EmbeddedWorker.Hosted.class)
@Import(ActivitiesConfiguration.class)
public final class EmbeddedWorker {

  private EmbeddedWorker() {}

  /** The embedded worker's settings are among the property sources. */
  static final class Hosted implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return context.getEnvironment() instanceof ConfigurableEnvironment environment
          && environment.getPropertySources().contains(EmbeddedInfrastructure.WORKER_PROPERTY_SOURCE);
    }
  }
}
