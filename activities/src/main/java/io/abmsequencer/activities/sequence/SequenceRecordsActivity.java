package io.abmsequencer.activities.sequence;

import io.abmsequencer.activities.WorkerSide;
import io.abmsequencer.workflows.sequence.SequenceRecords;
import io.abmsequencer.workflows.sequence.SequenceSnapshot;
import org.springframework.stereotype.Component;

/** Keeps the read model in step with the workflow; an out-of-order (older) snapshot changes nothing. */
@WorkerSide
@Component("sequenceRecords")
public class SequenceRecordsActivity implements SequenceRecords {
  private final SequenceRepository sequences;

  public SequenceRecordsActivity(SequenceRepository sequences) {
    this.sequences = sequences;
  }

  @Override
  public void record(SequenceSnapshot snapshot) {
    sequences.upsert(snapshot);
  }
}
