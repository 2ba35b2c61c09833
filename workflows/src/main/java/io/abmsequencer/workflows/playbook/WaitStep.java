package io.abmsequencer.workflows.playbook;

/** A pause between touches, counted on the playbook calendar. */
public record WaitStep(String id, Guard when, Delay duration) implements Step {

  @Override
  public String kind() {
    return "wait";
  }

  @Override
  public String describe() {
    return "wait " + duration;
  }
}
