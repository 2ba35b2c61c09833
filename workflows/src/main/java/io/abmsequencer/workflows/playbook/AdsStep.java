package io.abmsequencer.workflows.playbook;

import java.util.List;

/** Adds the committee members holding the roles to a named ad audience, or removes them. */
public record AdsStep(
    String id, Guard when, String audience, List<AdPlatform> platforms, AudienceAction action, List<Role> to)
    implements Step {
  public AdsStep {
    platforms = List.copyOf(platforms);
    to = List.copyOf(to);
  }

  @Override
  public String kind() {
    return "ads";
  }

  @Override
  public String describe() {
    return (action == AudienceAction.ADD ? "add " : "remove ")
        + Roles.join(to)
        + (action == AudienceAction.ADD ? " to" : " from")
        + " ad audience '" + audience + "' on " + platforms.toString().replaceAll("[\\[\\]]", "");
  }
}
