package io.abmsequencer.starter.security;

import io.abmsequencer.starter.embedded.EmbeddedMode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
 * Users from configuration ({@code abm.security.users}, and the first admin of {@code abm.admin.*})
 * and from the database ({@code app_users}, managed by admins through {@code /api/users}). Embedded
 * mode with none configured gets one demo user per role, printed at startup; production refuses to
 * start with a demo or short password, and with nobody at all creates a first admin ({@link
 * #createGeneratedAdminIfNoUsers()}).
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

  /** Clear passwords shorter than this are refused in production, as {@code POST /api/users} refuses them. */
  static final int MIN_PASSWORD_LENGTH = 12;
  /** What {@code POST /api/users} accepts as a username. */
  static final String USERNAME = "[A-Za-z0-9._@+-]{2,100}";
  /** The admin created when production starts with no user at all. */
  static final String GENERATED_ADMIN = "admin";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, AbmUser> configured = new LinkedHashMap<>();
  private final Map<String, SecuritySettings.User> profiles = new LinkedHashMap<>();
  private final JdbcClient jdbc;
  private final PasswordEncoder encoder;

  public AppUsers(SecuritySettings settings, AdminSettings admin, EmbeddedMode embedded, JdbcClient jdbc, PasswordEncoder encoder) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    List<SecuritySettings.User> users = new ArrayList<>(settings.users());
    // Only the all-embedded demo gets demo users: a product with any real piece (its own Temporal,
    // PostgreSQL or SMTP) is someone's installation, not a demo.
    boolean demo = embedded.wholeProduct();
    boolean demoUsers = users.isEmpty() && demo;
    if (demoUsers) {
      users.addAll(DEMO);
      log.info("Embedded mode demo users (one per role; set abm.security.users for your own):\n{}", DEMO.stream()
          .map(u -> String.format("  %-9s password %-14s %s", u.username(), u.password(), u.roles()))
          .collect(Collectors.joining("\n")));
    } else if (!demo) {
      for (SecuritySettings.User u : users) refuseWeakPassword(u.password(), "abm.security.users: user '" + u.username() + "'", encoder);
    }
    if (admin.configured()) {
      SecuritySettings.User first = firstAdmin(admin, demo, encoder);
      if (demoUsers) {
        users.removeIf(u -> u.username().equals(first.username()));
      } else if (users.stream().anyMatch(u -> first.username().equals(u.username()))) {
        throw new IllegalStateException("abm.admin.username '" + first.username()
            + "' is also a user of abm.security.users: define it in one place");
      }
      users.add(first);
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

  /** The admin of ABM_ADMIN_USERNAME / ABM_ADMIN_PASSWORD, held to the rules of every configured user. */
  private static SecuritySettings.User firstAdmin(AdminSettings admin, boolean demo, PasswordEncoder encoder) {
    if (admin.username() == null || admin.password() == null) {
      throw new IllegalStateException("abm.admin.username and abm.admin.password (ABM_ADMIN_USERNAME and ABM_ADMIN_PASSWORD) go"
          + " together: set both, or neither to have the starter create 'admin' with a generated password");
    }
    if (!admin.username().matches(USERNAME)) {
      throw new IllegalStateException("abm.admin.username (ABM_ADMIN_USERNAME) must be 2-100 letters, digits and . _ @ + -");
    }
    if (!demo) refuseWeakPassword(admin.password(), "abm.admin.password (ABM_ADMIN_PASSWORD)", encoder);
    return new SecuritySettings.User(admin.username(), admin.password(), Set.of(Role.ADMIN), null, null, null);
  }

  /**
   * Outside the all-embedded demo, refuses a demo password in any encoding (clear, {@code {noop}...},
   * or a hash of one such as {@code {bcrypt}...}), and a clear one shorter than {@link
   * #MIN_PASSWORD_LENGTH} (the rule of {@code POST /api/users}).
   */
  static void refuseWeakPassword(String password, String whose, PasswordEncoder encoder) {
    if (password == null) return;
    String clear = password.startsWith("{noop}") ? password.substring("{noop}".length()) : password.startsWith("{") ? null : password;
    boolean demoPassword = DEMO.stream().anyMatch(u -> clear != null ? u.password().equals(clear) : matches(encoder, u.password(), password));
    if (demoPassword) {
      throw new IllegalStateException(whose + " has a demo password; production refuses to start with one (demo passwords are only"
          + " for the all-embedded demo: no external Temporal, PostgreSQL or SMTP). Set a real password: at least "
          + MIN_PASSWORD_LENGTH + " characters (e.g. openssl rand -base64 18).");
    }
    if (clear != null && clear.length() < MIN_PASSWORD_LENGTH) {
      throw new IllegalStateException(whose + " has a password of " + clear.length() + " characters; production"
          + " refuses fewer than " + MIN_PASSWORD_LENGTH + " (e.g. openssl rand -base64 18).");
    }
  }

  private static boolean matches(PasswordEncoder encoder, String clear, String encoded) {
    try {
      return encoder.matches(clear, encoded);
    } catch (IllegalArgumentException e) {
      return false; // an encoding this encoder does not know: the sign-in will fail on it anyway
    }
  }

  /**
   * Production's way in when nobody is configured: with no user in configuration and none in the
   * database, creates {@value #GENERATED_ADMIN} (role ADMIN) with a generated password, kept only as
   * a bcrypt hash. Atomic: of two starters racing on a fresh database, one creates it.
   *
   * @return the password, to be shown this once; empty when any user exists
   */
  public Optional<String> createGeneratedAdminIfNoUsers() {
    if (!configured.isEmpty()) return Optional.empty();
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    int created = jdbc.sql("""
            insert into app_users (username, password_hash, roles, owner)
            select :u, :h, :r, :u where not exists (select 1 from app_users)
            on conflict (username) do nothing
            """)
        .param("u", GENERATED_ADMIN).param("h", encoder.encode(password)).param("r", Role.ADMIN.name())
        .update();
    return created == 1 ? Optional.of(password) : Optional.empty();
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
