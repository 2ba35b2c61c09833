package io.abmsequencer.worker.faults;

import io.abmsequencer.worker.testsupport.TestCli;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkerKillIT} once on the real Temporal server (the CLI's dev server), smaller: no clock to
 * move, so the dead worker's sends are retried when their timeout has really passed, and the server
 * itself hands the dead worker's sticky queues back. Mostly waiting: it runs beside the other ITs.
 */
class WorkerKillOnRealServerIT {

  @Test
  void aWorkerKilledMidBurstOnTheRealServerLosesNoTouchAndSendsNoneUnderASecondMessageId() throws Exception {
    try (FaultRig rig = FaultRig.startOnDevServer("worker-kill-real-server", TestCli.required())) {
      WorkerKillIT.killMidBurst(rig, 300, 100);
    }
  }
}
