package io.abmsequencer.starter.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A signed-in person: their roles and the owner identity their tasks and sequences carry. */
public class AbmUser extends User {
  private final String owner;
  private final Set<Role> roles;

  public AbmUser(String username, String passwordHash, Set<Role> roles, String owner) {
    super(username, passwordHash, authorities(roles));
    this.owner = owner;
    this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
  }

  private static Collection<GrantedAuthority> authorities(Set<Role> roles) {
    return roles.stream().<GrantedAuthority>map(r -> new SimpleGrantedAuthority(r.authority())).toList();
  }

  public String owner() {
    return owner;
  }

  public boolean has(Role role) {
    return roles.contains(role) || roles.contains(Role.ADMIN);
  }

  /** True for someone who may see everyone's tasks (not just an SDR seeing their own). */
  public boolean seesAllTasks() {
    return has(Role.MARKETER) || has(Role.OPS) || has(Role.ADMIN);
  }

  public Set<Role> roles() {
    return roles;
  }
}
