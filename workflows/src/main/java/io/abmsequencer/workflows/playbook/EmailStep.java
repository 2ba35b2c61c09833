package io.abmsequencer.workflows.playbook;

import java.util.List;

/** An email to every committee member holding one of the roles; templates use {{field}} placeholders. */
public record EmailStep(String id, Guard when, List<Role> to, String subject, String body) implements Step {
  public EmailStep {
    to = List.copyOf(to);
  }

  @Override
  public String kind() {
    return "email";
  }

  @Override
  public String describe() {
    return "email to " + Roles.join(to) + ": " + subject;
  }
}
