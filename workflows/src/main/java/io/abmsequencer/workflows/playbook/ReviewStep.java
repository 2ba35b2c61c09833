package io.abmsequencer.workflows.playbook;

import java.util.List;

/** A checkpoint where sales and marketing decide together; the sequence waits for the decision or the due date. */
public record ReviewStep(
    String id, Guard when, String question, List<ReviewDecision> decisions, Delay due, OnTimeout onTimeout)
    implements Step {
  public ReviewStep {
    decisions = List.copyOf(decisions);
  }

  @Override
  public String kind() {
    return "review";
  }

  @Override
  public String describe() {
    return "review: " + question;
  }
}
