package io.abmsequencer.workflows.playbook;

import java.util.List;

/** A text message to every committee member holding one of the roles, who has a phone and SMS consent. */
public record SmsStep(String id, Guard when, List<Role> to, String body) implements Step {
  public SmsStep {
    to = List.copyOf(to);
  }

  @Override
  public String kind() {
    return "sms";
  }

  @Override
  public String describe() {
    return "text message to " + Roles.join(to);
  }
}
