package io.abmsequencer.starter.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.ApiTestBase;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.workflows.digest.DigestSchedule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Monday digest where Temporal has no Schedules (the in-memory server of embedded mode's
 * fallback, which these tests run on): after startup, every person with an owner identity and a time
 * zone has a sleeping digest workflow. The same on the real server, with Schedules: {@link
 * DigestSchedulesDevServerTest}.
 */
class DigestWorkflowsApiTest extends ApiTestBase {
  @Autowired SequenceClient sequences;
  @Autowired DigestWorkflows digests;
  @Autowired DigestSchedules told;

  @Test
  void theInMemoryServerHasNoSchedulesSoTheDigestsAreSleepingWorkflows() {
    assertThat(sequences.schedulesAvailable()).isFalse();
    assertThat(digests.usesSchedules()).isFalse();
  }

  @Test
  void eachDemoOwnerHasARunningDigestWorkflowOnTheTaskQueue() {
    // The embedded demo users: owner, zone.
    String[][] owners = {
      {"marketer@yourco.example", "America/New_York"}, {"sam.lee@yourco.example", "America/New_York"},
      {"jane.doe@yourco.example", "Europe/London"}, {"reviewer@yourco.example", "America/New_York"},
      {"ops@yourco.example", "UTC"}, {"admin@yourco.example", "UTC"}};
    for (String[] o : owners) {
      SequenceClient.DigestWorkflow workflow = sequences.describeDigest(o[0]).orElseThrow();
      assertThat(workflow.workflowId()).isEqualTo("abm-digest-" + o[0]);
      assertThat(workflow.status()).isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");
      assertThat(workflow.taskQueue()).isEqualTo("abm-sequences");
      DigestSchedule expected = new DigestSchedule(o[0], o[0], o[1]);
      // The first run carries the schedule in its memo; a later week's run (other tests skip days
      // ahead, and each week continues as new) may not, so what it was told is in the table too.
      if (workflow.schedule() != null) {
        assertThat(workflow.schedule()).isEqualTo(expected);
        assertThat(workflow.summary()).isEqualTo("Weekly account review for " + o[0] + ", Mondays 08:00 " + o[1]);
      }
      assertThat(told.find(o[0])).contains(expected);
    }
    assertThat(sequences.describeDigest("nobody@yourco.example")).isEmpty();
  }

  @Test
  void startingAgainKeepsTheRunningWorkflowAndAChangedZoneIsSentToIt() {
    DigestSchedule jane = new DigestSchedule("jane.doe@yourco.example", "jane.doe@yourco.example", "Europe/London");
    assertThat(digests.ensure(jane)).isEqualTo(DigestWorkflows.Outcome.RUNNING);

    DigestSchedule moved = new DigestSchedule(jane.owner(), jane.email(), "Europe/Lisbon");
    assertThat(digests.ensure(moved)).isEqualTo(DigestWorkflows.Outcome.RESCHEDULED);
    assertThat(digests.ensure(moved)).isEqualTo(DigestWorkflows.Outcome.RUNNING);
    // And back: the table, not the workflow's first-start memo, says what it was last told.
    assertThat(digests.ensure(jane)).isEqualTo(DigestWorkflows.Outcome.RESCHEDULED);
    assertThat(sequences.describeDigest(jane.owner()).orElseThrow().status()).isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");
  }
}
