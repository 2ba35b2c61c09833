package io.abmsequencer.starter.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Users from configuration, {@code abm.security.users[n].*}. Passwords may be given hashed
 * ({@code {bcrypt}$2a$...}) or in clear (hashed at startup; clear text never leaves the process).
 *
 * @param users configured users; in embedded mode with none configured, demo users are created
 * @param signIn how many failed sign-ins lock a user or a client address out, for how long
 */
@ConfigurationProperties("abm.security")
public record SecuritySettings(List<User> users, @DefaultValue SignIn signIn) {

  /**
   * {@code abm.security.sign-in.*}: failed sign-ins (form and HTTP Basic) counted over {@code window};
   * at {@code max-failures-per-user} for one username, or {@code max-failures-per-address} from one
   * client address, further attempts are refused until enough failures have aged out of the window.
   * 0 turns a limit off.
   */
  public record SignIn(
      @DefaultValue("5") int maxFailuresPerUser, @DefaultValue("20") int maxFailuresPerAddress, @DefaultValue("15m") Duration window) {
    public SignIn {
      if (maxFailuresPerUser < 0 || maxFailuresPerAddress < 0) {
        throw new IllegalArgumentException("abm.security.sign-in.max-failures-per-user and -per-address must be 0 (off) or more");
      }
      window = window == null ? Duration.ofMinutes(15) : window;
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("abm.security.sign-in.window must be positive, e.g. 15m");
      }
    }

    static SignIn defaults() {
      return new SignIn(5, 20, Duration.ofMinutes(15));
    }
  }

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
    signIn = signIn == null ? SignIn.defaults() : signIn;
  }
}
