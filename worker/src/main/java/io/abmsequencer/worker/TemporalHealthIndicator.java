package io.abmsequencer.worker;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Temporal is reachable when it answers GetSystemInfo (the Temporal starter brings no indicator). */
@Component("temporal")
public class TemporalHealthIndicator implements HealthIndicator {
  private final WorkflowServiceStubs stubs;

  public TemporalHealthIndicator(WorkflowServiceStubs stubs) {
    this.stubs = stubs;
  }

  @Override
  public Health health() {
    try {
      var info = stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return Health.up()
          .withDetail("target", stubs.getOptions().getTarget())
          .withDetail("serverVersion", info.getServerVersion().isEmpty() ? "test server" : info.getServerVersion())
          .build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("target", stubs.getOptions().getTarget()).withDetail("error", e.getMessage()).build();
    }
  }
}
