package io.abmsequencer.workflows.playbook;

import java.util.List;
import java.util.Map;

/**
 * An email to every committee member holding one of the roles; templates use {{field}}
 * placeholders. {@code byRole} gives some roles their own copy (an economic buyer and a technical
 * evaluator read different things); the others get {@code subject} and {@code body}.
 */
public record EmailStep(String id, Guard when, List<Role> to, String subject, String body, Map<Role, Template> byRole)
    implements Step {
  public EmailStep {
    to = List.copyOf(to);
    byRole = byRole == null ? Map.of() : Map.copyOf(byRole);
  }

  public EmailStep(String id, Guard when, List<Role> to, String subject, String body) {
    this(id, when, to, subject, body, null);
  }

  /** The copy a contact in {@code role} gets. */
  public Template templateFor(Role role) {
    Template specific = byRole.get(role);
    return specific != null ? specific : new Template(subject, body);
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
