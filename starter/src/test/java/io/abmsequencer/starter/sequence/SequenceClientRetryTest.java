package io.abmsequencer.starter.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.api.common.v1.WorkflowExecution;
import org.junit.jupiter.api.Test;

/** Which Temporal failures a launch waits out (and tries again) and which fail the account at once. */
class SequenceClientRetryTest {

  @Test
  void unreachableOrOverloadedTemporalIsWorthAnotherTry() {
    assertThat(SequenceClient.worthRetrying(new StatusRuntimeException(Status.UNAVAILABLE))).isTrue();
    assertThat(SequenceClient.worthRetrying(new StatusRuntimeException(Status.DEADLINE_EXCEEDED))).isTrue();
    assertThat(SequenceClient.worthRetrying(new StatusRuntimeException(Status.RESOURCE_EXHAUSTED))).isTrue();
  }

  @Test
  void theStatusCountsHoweverDeepTheSdkWrappedIt() {
    WorkflowExecution execution = WorkflowExecution.newBuilder().setWorkflowId("abm-new-logo-acme").build();
    assertThat(SequenceClient.worthRetrying(
        new WorkflowServiceException(execution, "AccountSequence", new StatusRuntimeException(Status.UNAVAILABLE)))).isTrue();
  }

  @Test
  void aRefusalOrABugIsNotRetried() {
    assertThat(SequenceClient.worthRetrying(new StatusRuntimeException(Status.INVALID_ARGUMENT))).isFalse();
    assertThat(SequenceClient.worthRetrying(new StatusRuntimeException(Status.PERMISSION_DENIED))).isFalse();
    assertThat(SequenceClient.worthRetrying(new IllegalStateException("no status at all"))).isFalse();
  }

  @Test
  void unavailableSaysWhichSequenceAndWhy() {
    var e = new SequenceClient.Unavailable("abm-new-logo-acme", new StatusRuntimeException(Status.UNAVAILABLE.withDescription("io exception")));
    assertThat(e.getMessage()).contains("abm-new-logo-acme").contains("UNAVAILABLE");
  }
}
