package io.abmsequencer.workflows.sequence;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The read model: one row per sequence in PostgreSQL, written as the workflow moves, so lists and
 * filters never need Temporal's visibility API.
 */
@ActivityInterface
public interface SequenceRecords {

  /** Upserts the row; a snapshot older than the stored one ({@code updatedAt}) changes nothing. */
  @ActivityMethod(name = "RecordSequence")
  void record(SequenceSnapshot snapshot);
}
