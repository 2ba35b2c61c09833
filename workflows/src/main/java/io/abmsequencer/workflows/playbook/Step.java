package io.abmsequencer.workflows.playbook;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One step of a playbook. Every step has an id unique in its playbook and may be guarded by a
 * condition on the score; a step whose guard is false when it comes up is skipped.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = EmailStep.class, name = "email"),
  @JsonSubTypes.Type(value = SmsStep.class, name = "sms"),
  @JsonSubTypes.Type(value = AdsStep.class, name = "ads"),
  @JsonSubTypes.Type(value = TaskStep.class, name = "task"),
  @JsonSubTypes.Type(value = ReviewStep.class, name = "review"),
  @JsonSubTypes.Type(value = WaitStep.class, name = "wait")
})
public sealed interface Step permits EmailStep, SmsStep, AdsStep, TaskStep, ReviewStep, WaitStep {

  String id();

  /** Null when the step always runs. */
  Guard when();

  /** The step kind as written in YAML. */
  String kind();

  /** Plain words for the console and the Temporal UI, e.g. "email to CHAMPION: Intro". */
  String describe();

  default boolean runsAt(int score) {
    return when() == null || when().test(score);
  }
}
