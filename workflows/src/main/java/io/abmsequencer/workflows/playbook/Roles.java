package io.abmsequencer.workflows.playbook;

import java.util.List;
import java.util.stream.Collectors;

final class Roles {
  private Roles() {}

  static String join(List<Role> roles) {
    return roles.stream().map(Enum::name).collect(Collectors.joining(", "));
  }
}
