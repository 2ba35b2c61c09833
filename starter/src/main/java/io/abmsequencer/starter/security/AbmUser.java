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
    // Never null: a null owner would read as "no owner filter", everyone's accounts (AccountAccess.ownerScope).
    this.owner = owner == null || owner.isBlank() ? username : owner;
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

  public Set<Role> roles() {
    return roles;
  }
}
