package io.abmsequencer.starter.security;

import io.abmsequencer.starter.embedded.EmbeddedMode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Users from configuration ({@code abm.security.users}) and from the database ({@code app_users},
 * managed by admins through {@code /api/users}). Embedded mode with none configured gets one demo
 * user per role, printed at startup; production refuses to start with a demo password.
 */
public class AppUsers implements UserDetailsService {
  private static final Logger log = LoggerFactory.getLogger(AppUsers.class);

  /** The demo users of embedded mode: username, password, roles, owner. */
  static final List<SecuritySettings.User> DEMO = List.of(
      new SecuritySettings.User("marketer", "marketer-demo", Set.of(Role.MARKETER), "marketer@yourco.example", "America/New_York", null),
      new SecuritySettings.User("sdr", "sdr-demo", Set.of(Role.SDR), "sam.lee@yourco.example", "America/New_York", null),
      new SecuritySettings.User("sdr2", "sdr2-demo", Set.of(Role.SDR), "jane.doe@yourco.example", "Europe/London", null),
      new SecuritySettings.User("reviewer", "reviewer-demo", Set.of(Role.REVIEWER), "reviewer@yourco.example", "America/New_York", null),
      new SecuritySettings.User("ops", "ops-demo", Set.of(Role.OPS), "ops@yourco.example", "UTC", null),
      new SecuritySettings.User("admin", "admin-demo", Set.of(Role.ADMIN), "admin@yourco.example", "UTC", null));

  private final Map<String, AbmUser> configured = new LinkedHashMap<>();
  private final Map<String, SecuritySettings.User> profiles = new LinkedHashMap<>();
  private final JdbcClient jdbc;
  private final PasswordEncoder encoder;

  public AppUsers(SecuritySettings settings, EmbeddedMode embedded, JdbcClient jdbc, PasswordEncoder encoder) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    List<SecuritySettings.User> users = settings.users();
    if (users.isEmpty() && embedded.active()) {
      users = DEMO;
      log.info("Embedded mode demo users (one per role; set abm.security.users for your own):\n{}", DEMO.stream()
          .map(u -> String.format("  %-9s password %-14s %s", u.username(), u.password(), u.roles()))
          .collect(Collectors.joining("\n")));
    } else if (!embedded.active()) {
      refuseDemoPasswords(users);
    }
    for (SecuritySettings.User u : users) {
      if (u.username() == null || u.username().isBlank() || u.password() == null || u.password().isBlank() || u.roles().isEmpty()) {
        throw new IllegalStateException("abm.security.users: every user needs a username, a password and at least one of the roles "
            + Arrays.toString(Role.values()));
      }
      String hash = u.password().startsWith("{") ? u.password() : encoder.encode(u.password());
      configured.put(u.username(), new AbmUser(u.username(), hash, u.roles(), u.ownerOrUsername()));
      profiles.put(u.username(), u);
    }
  }

  static void refuseDemoPasswords(List<SecuritySettings.User> users) {
    Set<String> demo = DEMO.stream().map(SecuritySettings.User::password).collect(Collectors.toSet());
    for (SecuritySettings.User u : users) {
      if (u.password() != null && demo.contains(u.password())) {
        throw new IllegalStateException("abm.security.users: user '" + u.username()
            + "' has a demo password; production (abm.embedded.enabled=false) refuses to start with one. Set a real password.");
      }
    }
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    AbmUser user = configured.get(username);
    if (user != null) return copy(user);
    return fromDatabase(username).orElseThrow(() -> new UsernameNotFoundException("no user " + username));
  }

  private Optional<AbmUser> fromDatabase(String username) {
    return jdbc.sql("select username, password_hash, roles, owner from app_users where username = :u and enabled")
        .param("u", username)
        .query((rs, n) -> new AbmUser(rs.getString("username"), rs.getString("password_hash"), roles(rs.getString("roles")),
            rs.getString("owner") == null ? rs.getString("username") : rs.getString("owner")))
        .optional();
  }

  /** Adds or replaces a database user; the password is stored hashed. */
  public void save(String username, String password, Set<Role> roles, String owner) {
    if (configured.containsKey(username)) {
      throw new IllegalArgumentException("user '" + username + "' is defined in configuration (abm.security.users); change it there");
    }
    jdbc.sql("""
            insert into app_users (username, password_hash, roles, owner) values (:u, :h, :r, :o)
            on conflict (username) do update set password_hash = excluded.password_hash, roles = excluded.roles, owner = excluded.owner
            """)
        .param("u", username).param("h", encoder.encode(password))
        .param("r", roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","))).param("o", owner)
        .update();
  }

  /** Everyone known, for the console (configured first, then the database); no password hashes. */
  public List<SecuritySettings.User> profiles() {
    List<SecuritySettings.User> all = new java.util.ArrayList<>();
    profiles.values().forEach(u -> all.add(new SecuritySettings.User(u.username(), null, u.roles(), u.ownerOrUsername(), u.timeZone(), u.email())));
    all.addAll(jdbc.sql("select username, roles, owner from app_users where enabled order by username")
        .query((rs, n) -> new SecuritySettings.User(rs.getString("username"), null, roles(rs.getString("roles")), rs.getString("owner"), null, null))
        .list());
    return all;
  }

  private static Set<Role> roles(String csv) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String r : csv.split(",")) if (!r.isBlank()) roles.add(Role.valueOf(r.trim()));
    return roles;
  }

  /** A fresh object per lookup: Spring Security erases credentials on the one it is handed. */
  private static AbmUser copy(AbmUser u) {
    return new AbmUser(u.getUsername(), u.getPassword(), u.roles(), u.owner());
  }
}
