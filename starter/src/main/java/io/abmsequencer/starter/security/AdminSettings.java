package io.abmsequencer.starter.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin, from the environment ({@code ABM_ADMIN_USERNAME} / {@code ABM_ADMIN_PASSWORD}):
 * the way into a fresh production installation, whose database has no users yet. Like the users of
 * {@code abm.security.users} it is configuration, not a database row: it signs in with what is set
 * now, and is changed there. Both or neither; blank counts as not set (docker compose passes an
 * empty value for an empty {@code .env} entry). With neither set and no user at all, the starter
 * creates {@code admin} with a generated password and prints it once ({@link FirstAdmin}).
 *
 * @param username the admin's username (role ADMIN)
 * @param password in clear (hashed at startup) or as a {@code {bcrypt}...} hash; in production at
 *     least 12 characters and not a demo password
 */
@ConfigurationProperties("abm.admin")
public record AdminSettings(String username, String password) {
  public AdminSettings {
    username = username == null || username.isBlank() ? null : username.strip();
    password = password == null || password.isBlank() ? null : password;
  }

  /** True when either is set (then both must be). */
  public boolean configured() {
    return username != null || password != null;
  }
}
