package io.abmsequencer.starter.security;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users from configuration, {@code abm.security.users[n].*}. Passwords may be given hashed
 * ({@code {bcrypt}$2a$...}) or in clear (hashed at startup; clear text never leaves the process).
 *
 * @param users configured users; in embedded mode with none configured, demo users are created
 */
@ConfigurationProperties("abm.security")
public record SecuritySettings(List<User> users) {

  /**
   * @param owner the identity tasks and sequences are assigned to (the CSV's {@code owner}); the
   *     username when not set
   * @param timeZone IANA zone for the Monday digest; UTC when not set
   * @param email where the digest goes; the owner when it is an address
   */
  public record User(String username, String password, Set<Role> roles, String owner, String timeZone, String email) {
    public User {
      roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public String ownerOrUsername() {
      return owner == null || owner.isBlank() ? username : owner;
    }
  }

  public SecuritySettings {
    users = users == null ? List.of() : List.copyOf(users);
  }
}
