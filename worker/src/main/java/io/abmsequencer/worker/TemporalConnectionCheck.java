package io.abmsequencer.worker;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Fails the start when Temporal cannot be reached, naming the property to fix: the Temporal client
 * connects lazily, so without this a wrong target shows up only as workers that never poll.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TemporalConnectionCheck implements ApplicationRunner {
  private final WorkflowServiceStubs stubs;

  public TemporalConnectionCheck(WorkflowServiceStubs stubs) {
    this.stubs = stubs;
  }

  @Override
  public void run(ApplicationArguments args) {
    try {
      stubs.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    } catch (RuntimeException e) {
      throw new TemporalUnreachableException(stubs.getOptions().getTarget(), e);
    }
  }
}
